/**
 * A command refused by a domain rule. `code` lets a UI say it in the user's language, `status` is
 * the HTTP status the refusal declares (problem+json), `params` what the message needs besides the code.
 */
export class DomainRefusal extends Error {
  override readonly name = 'DomainRefusal';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly params?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}
