import { GraphQLError } from "graphql";
import { createLogger } from "../../src/log/logger";
import { createFormatError } from "../../src/server/format-error";

const validation = (message: string) =>
  new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }).toJSON();

describe("formatting errors for clients", () => {
  const logged: string[] = [];
  const logger = createLogger("error", (line) => logged.push(line));

  beforeEach(() => {
    logged.length = 0;
  });

  it.each([
    [
      'Cannot query field "nam" on type "State". Did you mean "name"?',
      'Cannot query field "nam" on type "State".',
    ],
    [
      'Unknown argument "frist" on field "Query.states". Did you mean "first" or "last"?',
      'Unknown argument "frist" on field "Query.states".',
    ],
    [
      'Value "MEMBER" does not exist in "RelationshipType" enum. Did you mean the enum value "MEMBER_OF"?',
      'Value "MEMBER" does not exist in "RelationshipType" enum.',
    ],
  ])("hides schema suggestions in production: %s", (message, shown) => {
    const production = createFormatError(logger, { hideSuggestions: true });
    const development = createFormatError(logger);

    expect(production(validation(message), undefined).message).toBe(shown);
    expect(development(validation(message), undefined).message).toBe(message);
  });

  it("masks an error without a public code, logs it, and drops the stack", () => {
    const format = createFormatError(logger, { hideSuggestions: true });
    const error = new Error("connection string bolt://secret@db");

    const shown = format(
      { message: error.message, extensions: { code: "SOMETHING", stacktrace: ["at x"] } },
      error,
    );

    expect(shown).toEqual({
      message: "Internal server error",
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
    expect(logged.join("\n")).toContain("connection string bolt://secret@db");
  });

  it("shows graphql-js's own errors about the request (no path, nothing underneath) as BAD_REQUEST", () => {
    const format = createFormatError(logger);
    const error = new GraphQLError("Schema is not configured to execute subscription operation.");

    expect(format(error.toJSON(), error)).toEqual({
      message: "Schema is not configured to execute subscription operation.",
      extensions: { code: "BAD_REQUEST" },
    });
    expect(logged).toEqual([]);
  });

  it("keeps a public code and its extensions, without a stack", () => {
    const format = createFormatError(logger);

    const shown = format(
      { message: "too big", extensions: { code: "QUERY_TOO_COMPLEX", cost: 9000, stacktrace: ["at x"] } },
      undefined,
    );

    expect(shown).toEqual({ message: "too big", extensions: { code: "QUERY_TOO_COMPLEX", cost: 9000 } });
  });
});
