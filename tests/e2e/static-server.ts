// A tiny static file server for the built playground (dist/), on 127.0.0.1 and a free port. Enough
// for the browser tests and the measurements: no caching, no directory listings, nothing outside root.
import { createServer, type Server } from "node:http";
import { cp, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".ttf": "font/ttf",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a snapshot of rootDir taken now: other people's builds rewrite dist/ while tests run, and a
 * test must see one build from start to end.
 */
export async function serveStatic(rootDir: string): Promise<StaticServer> {
  const source = resolve(rootDir);
  await stat(join(source, "index.html")).catch(() => {
    throw new Error(`${source}/index.html is missing: build the playground first (npm run build).`);
  });
  const root = await mkdtemp(join(tmpdir(), "leadscore-dist-"));
  await cp(source, root, { recursive: true });
  const server: Server = createServer(async (request, response) => {
    try {
      let path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
      if (path.endsWith("/")) path += "index.html";
      const file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        response.writeHead(403).end();
        return;
      }
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await rm(root, { recursive: true, force: true });
    },
  };
}
