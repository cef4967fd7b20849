// Types for sns-validator 0.3.5 (the package ships none).
declare module 'sns-validator' {
  export default class MessageValidator {
    /** @param hostPattern hosts (host:port) SigningCertURL may point at; AWS's SNS hosts by default. */
    constructor(hostPattern?: RegExp, encoding?: string);
    validate(
      message: string | Record<string, unknown>,
      callback: (error: Error | null, message?: Record<string, unknown>) => void,
    ): void;
  }
}
