/**
 * The demo playground: the live lab in a browser. An HTTP API and one Server-Sent Events stream on
 * the lab's seams, and the static page in `public/` (plain ES modules, uPlot from node_modules).
 */
export { startPlayground } from './playground.ts';
export type { PlaygroundOptions, RunningPlayground } from './playground.ts';
export { emailSubscription, PLAYGROUND_EMAIL } from './email-inbox.ts';
export { SECRET_PARAMETER } from './access-gate.ts';
