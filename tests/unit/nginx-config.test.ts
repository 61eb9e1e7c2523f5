import fs from "node:fs";
import { cacheRatios, getRequest, requestsPerReplica } from "../../bench/load";
import { NGINX_TEMPLATE, renderNginxConfig } from "../../bench/nginx";

describe("deploy/nginx.conf, filled in", () => {
  const rendered = renderNginxConfig({
    listen: "127.0.0.1:8080",
    replicas: ["127.0.0.1:4001", "10.0.0.2:4000"],
  });

  it("names where nginx listens and both replicas, and leaves nginx's own variables alone", () => {
    expect(rendered).toMatch(/^\s*listen 127\.0\.0\.1:8080;$/m);
    expect(rendered).toMatch(/^\s*server 127\.0\.0\.1:4001 max_fails=3 fail_timeout=10s;$/m);
    expect(rendered).toMatch(/^\s*server 10\.0\.0\.2:4000 max_fails=3 fail_timeout=10s;$/m);
    expect(rendered).not.toMatch(/\$\{/);
    expect(rendered).toContain("add_header X-Cache-Status $upstream_cache_status always;");
    expect(rendered).toContain('proxy_cache_key "$scheme$request_method$host$request_uri";');
  });

  it("lets the server's Cache-Control decide what is cached: no proxy_cache_valid, no ignored headers", () => {
    const directives = rendered
      .split("\n")
      .map((line) => line.replace(/#.*/, "").trim())
      .filter(Boolean);

    expect(directives.filter((d) => /^proxy_cache_valid\b|^proxy_ignore_headers\b/.test(d))).toEqual([]);
    expect(directives).toEqual(
      expect.arrayContaining([
        "proxy_cache_methods GET HEAD;",
        "proxy_cache_revalidate on;",
        "proxy_cache_bypass $http_authorization $http_upgrade;",
        "proxy_no_cache $http_authorization $http_upgrade;",
        "client_max_body_size 100k;",
      ]),
    );
  });

  it("passes a WebSocket's upgrade through to the replica, and keeps every proxied header", () => {
    const location = rendered.slice(rendered.indexOf("location = /graphql"));
    const lines = location
      .slice(0, location.indexOf("}"))
      .split("\n")
      .map((line) => line.replace(/#.*/, "").trim())
      .filter(Boolean);

    expect(rendered).toContain("map $http_upgrade $connection_upgrade");
    expect(lines).toEqual(
      expect.arrayContaining([
        "proxy_set_header Upgrade $http_upgrade;",
        "proxy_set_header Connection $connection_upgrade;",
        "proxy_set_header Host $host;",
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        "proxy_set_header X-Forwarded-Proto $scheme;",
      ]),
    );
  });

  it("refuses a value that is not a host:port, and a template without a placeholder", () => {
    expect(() =>
      renderNginxConfig({ listen: "8080; include /etc/passwd", replicas: ["a:1", "b:2"] }),
    ).toThrow(/BALI_LISTEN must be a host:port/);
    const template = fs.readFileSync(NGINX_TEMPLATE, "utf8").replaceAll("${BALI_REPLICA_2}", "127.0.0.1:1");
    expect(() => renderNginxConfig({ listen: "1", replicas: ["a:1", "b:2"] }, template)).toThrow(
      /BALI_REPLICA_2/,
    );
  });
});

describe("the proxy load run's counting", () => {
  it("counts the requests each replica answered in nginx's access log, the last one when retried", async () => {
    const log = [
      '127.0.0.1 [x] "GET /graphql?query=a HTTP/1.1" 200 10 upstream=10.0.0.1:4000 cache=MISS upstream_status=200 time=0.1',
      '127.0.0.1 [x] "GET /graphql?query=a HTTP/1.1" 200 10 upstream=- cache=HIT upstream_status=- time=0.0',
      '127.0.0.1 [x] "POST /graphql HTTP/1.1" 200 10 upstream=10.0.0.1:4000, 10.0.0.2:4000 cache=- upstream_status=502, 200 time=0.1',
      '127.0.0.1 [x] "POST /graphql HTTP/1.1" 200 10 upstream=10.0.0.2:4000 cache=- upstream_status=200 time=0.1',
    ].join("\n");

    expect(await requestsPerReplica(log.split("\n"), ["10.0.0.1:4000", "10.0.0.2:4000"])).toEqual([
      ["10.0.0.1:4000", 1],
      ["10.0.0.2:4000", 1],
    ]);
  });

  it("gives the shares of cache hits and revalidations", () => {
    const result = { cacheStatus: { HIT: 6, REVALIDATED: 2, MISS: 2 } } as unknown as Parameters<
      typeof cacheRatios
    >[0];

    expect(cacheRatios(result)).toEqual({ hit: 0.6, revalidated: 0.2 });
  });

  it("sends an operation by GET with its query and name in the URL and the preflight header", () => {
    const request = getRequest({
      name: "Q",
      body: JSON.stringify({ query: "query Q { stats { entitiesByKind { key } } }", operationName: "Q" }),
    });

    const url = new URL(request.path, "http://x");
    expect(url.pathname).toBe("/graphql");
    expect(url.searchParams.get("query")).toBe("query Q { stats { entitiesByKind { key } } }");
    expect(url.searchParams.get("operationName")).toBe("Q");
    expect(request.headers).toEqual({ "apollo-require-preflight": "true" });
  });
});
