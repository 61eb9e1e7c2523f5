import type { NextFunction, Request, Response } from "express";

/**
 * The pages load nothing from elsewhere, so the policy allows only this origin: scripts and
 * styles from the server's own files (GraphiQL's editor also sets inline styles, and runs its
 * workers from this origin), requests to /graphql, and downloads made in the page (blob:).
 * No other site may frame a page (clickjacking).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Sets the headers every HTML page of the server carries. */
export function pageHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  // For browsers without frame-ancestors.
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  next();
}
