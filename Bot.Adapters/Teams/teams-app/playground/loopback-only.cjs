'use strict';
// Preloaded into the playground's node process (node --require) by ../playground.sh.
// The playground has no authentication and, by default, listens on every interface; its bundled Application Insights
// SDK is started even with --disable-telemetry and probes the Azure instance metadata address and its ingestion host.
// This guard keeps the process on the loopback interface: servers bind 127.0.0.1, and a connection or name lookup for
// anything else fails locally and is reported on stderr with the prefix below (the automated test asserts there is none).
const net = require('net');
const dns = require('dns');

const PREFIX = 'loopback-only: blocked';

function isLoopback(host) {
  if (host === undefined || host === null || host === '') return true; // node's default host is localhost
  const h = String(host).replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

function refuse(what, target) {
  const error = new Error(`${PREFIX} ${what} to ${target}: the playground may only use 127.0.0.1`);
  error.code = 'ECONNREFUSED';
  process.stderr.write(error.message + '\n');
  return error;
}

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof args[1] === 'string' && !isLoopback(args[1])) throw refuse('listen', args[1]);
    if (typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  } else if (first && typeof first === 'object' && !(first instanceof net.Server) && first.path == null && first.fd == null) {
    if (first.host !== undefined && !isLoopback(first.host)) throw refuse('listen', first.host);
    args[0] = { ...first, host: first.host ?? '127.0.0.1' };
  }
  return listen.apply(this, args);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // net.connect() and http hand over arguments they already normalised (an array); direct calls pass them raw.
  const [options] = Array.isArray(args[0]) ? args[0] : net._normalizeArgs(args);
  if (options.path == null && !isLoopback(options.host)) {
    const error = refuse('connection', `${options.host}:${options.port}`);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  if (!isLoopback(hostname)) {
    const callback = rest[rest.length - 1];
    const error = refuse('name lookup', hostname);
    if (typeof callback === 'function') process.nextTick(() => callback(error));
    return {};
  }
  return lookup.call(this, hostname, ...rest);
};
const lookupAsync = dns.promises.lookup;
dns.promises.lookup = function (hostname, ...rest) {
  return isLoopback(hostname) ? lookupAsync.call(this, hostname, ...rest) : Promise.reject(refuse('name lookup', hostname));
};
