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

/** The change would hold twice what is held once (a document's text): names what holds it. */
export class ConflictError extends CurationError {
  constructor(
    field: string,
    message: string,
    readonly details: Record<string, string>,
  ) {
    super(field, message);
    this.name = "ConflictError";
  }
}

/** The change names an entity, relationship or claim that does not exist. */
export class NotFoundError extends CurationError {}
