import { ErrorCode } from "../errors/codes";
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "../log/logger";

/** The shape of errors raised by body-parser and http-errors (Express's own). */
interface HttpError {
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  type?: unknown;
  limit?: unknown;
  message?: unknown;
}

function statusOf(error: HttpError): number {
  const status = Number(error.status ?? error.statusCode);
  return Number.isInteger(status) && status >= 400 && status < 600 ? status : 500;
}

function describe(error: HttpError, status: number): { code: string; message: string } {
  if (status >= 500) return { code: ErrorCode.INTERNAL_SERVER_ERROR, message: "Internal server error" };
  switch (error.type) {
    case "entity.too.large":
      return {
        code: ErrorCode.PAYLOAD_TOO_LARGE,
        message: `The request body is larger than ${Math.round(Number(error.limit) / 1024)} KB: send a shorter query and fewer variables.`,
      };
    case "entity.parse.failed":
      return {
        code: ErrorCode.BAD_REQUEST,
        message: `The request body is not valid JSON (${String(error.message)}).`,
      };
    case "charset.unsupported":
    case "encoding.unsupported":
      return {
        code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        message: `${String(error.message)}: send UTF-8 JSON.`,
      };
  }
  return {
    code:
      status === 415
        ? ErrorCode.UNSUPPORTED_MEDIA_TYPE
        : status === 413
          ? ErrorCode.PAYLOAD_TOO_LARGE
          : ErrorCode.BAD_REQUEST,
    message: error.expose === true && typeof error.message === "string" ? error.message : "Bad request",
  };
}

/**
 * The last handler of the app: errors raised before GraphQL runs (an oversized or malformed
 * body, a bad charset, an undecodable URL) answer as GraphQL-shaped JSON with a code, never
 * as Express's HTML page, which shows the stack outside production.
 */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: HttpError, req, res, next) => {
    // Too late to answer cleanly: Express ends the connection.
    if (res.headersSent) return next(error);
    const status = statusOf(error);
    if (status >= 500) {
      logger.error("Unexpected error in an HTTP request", {
        method: req.method,
        path: req.path,
        message: error instanceof Error ? error.message : String(error),
        stack: error instanceof Error ? error.stack : undefined,
      });
    }
    const { code, message } = describe(error, status);
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}

/**
 * body-parser leaves `req.body` unset for a body that is not JSON, and the Express
 * integration answers that with a 500 (it takes it for a missing parser). Set, it lets Apollo
 * answer the request itself: 400 for a POST without a JSON body.
 */
export const ensureBody: RequestHandler = (req, _res, next) => {
  if (!Reflect.has(req, "body")) req.body = undefined;
  next();
};
