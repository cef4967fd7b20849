/**
 * SNS facts the rules and the emulator share, stated once. Source: API_CreateTopic ("Topic names must
 * be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and
 * must be between 1 and 256 characters long"; a FIFO topic's name ends in `.fifo`, which counts).
 */

export const TOPIC_NAME_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;
export const FIFO_TOPIC_NAME_PATTERN = /^[A-Za-z0-9_-]{1,251}\.fifo$/;
