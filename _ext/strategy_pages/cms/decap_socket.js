// decap-server's git proxy (drafts as branches: the editorial workflow),
// listening on a Unix socket instead of a TCP port: only the guard of
// `make cms` (strategy_pages.cms.guard), which checks every request, can
// reach it; no web page can, nor DNS rebinding.
//
// node decap_socket.js <decap-server's dist folder> <socket path>
// with GIT_REPO_DIRECTORY (the repository) and LOG_LEVEL, as decap-server.
"use strict";

const path = require("path");

const [dist, socketPath] = process.argv.slice(2);
const express = require(require.resolve("express", { paths: [dist] }));
const { registerLocalGit } = require(path.join(dist, "middlewares.js"));

const app = express();
registerLocalGit(app, { logLevel: process.env.LOG_LEVEL || "warn" }).then(() => {
  app.listen(socketPath);
});
