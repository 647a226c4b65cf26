// V8's code cache for one CommonJS file (dist/exec.cjs): Node 20 has no module.enableCompileCache,
// and Node 22's keeps only what was compiled while the file loaded. The file is compiled with
// vm.Script and the cached data of an earlier run, and the code V8 compiled during this run
// (including functions compiled lazily) is saved when the process exits, so the next run skips
// most parsing and compiling. Anything that goes wrong falls back to a plain
// require(); the cache only ever costs or saves speed.
//
// Where: NODE_COMPILE_CACHE's folder, else <tmp>/node-compile-cache, in a subfolder lgw-<uid>
// made with mode 0700. It is used only when this user owns it and no one else can write to it, as
// loading cached code someone else wrote would run their code. NODE_DISABLE_COMPILE_CACHE turns it
// off, as it does Node's own cache.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const vm = require("node:vm");
const Module = require("node:module");
const { createHash } = require("node:crypto");

/** How many cache entries a folder keeps (one per lgw version and Node version in use). */
const KEEP = 8;

function cacheFolder(env = process.env) {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
  const dir = path.join(env.NODE_COMPILE_CACHE || path.join(os.tmpdir(), "node-compile-cache"), `lgw-${uid ?? "user"}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    if (!st.isDirectory()) return undefined;
    if (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** The entry's name: the file, its size and mtime, and the Node build whose V8 made the data. */
function entryName(file, st) {
  const key = [process.version, process.arch, file, st.size, st.mtimeMs].join("\0");
  return `${createHash("sha256").update(key).digest("hex").slice(0, 32)}.v8`;
}

function save(dir, name, data) {
  try {
    const tmp = path.join(dir, `${name}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, path.join(dir, name));
    const old = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".v8") && f !== name)
      .map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t)
      .slice(KEEP - 1);
    for (const { f } of old) fs.rmSync(path.join(dir, f), { force: true });
  } catch {
    // a full disk or a race with another lgw: the next run compiles again
  }
}

/** require(file), with V8's code cache kept between runs. */
function requireWithCodeCache(file) {
  const dir = cacheFolder();
  if (!dir) return require(file);
  let source;
  let name;
  let cachedData;
  try {
    const st = fs.statSync(file);
    name = entryName(file, st);
    source = fs.readFileSync(file, "utf8");
    try {
      cachedData = fs.readFileSync(path.join(dir, name));
    } catch {
      cachedData = undefined;
    }
  } catch {
    return require(file);
  }
  // no importModuleDynamically: its hook is experimental on Node 20 (a warning on every run), so
  // the file must not call import() (dist/exec.cjs is bundled with import() turned into require())
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  require.cache[file] = mod;
  if (cachedData === undefined || script.cachedDataRejected) {
    // after the run, so the data holds the functions this run compiled too
    process.once("exit", () => save(dir, name, script.createCachedData()));
  }
  const wrapper = script.runInThisContext();
  const req = Module.createRequire(file);
  wrapper.call(mod.exports, mod.exports, req, mod, file, path.dirname(file));
  mod.loaded = true;
  return mod.exports;
}

module.exports = { requireWithCodeCache, cacheFolder, entryName };
