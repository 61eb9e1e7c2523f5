/** A change refused for its content: names the input field and says what is allowed. */
export class CurationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = "CurationError";
  }
}

/** The change names an entity, relationship or claim that does not exist. */
export class NotFoundError extends CurationError {}
