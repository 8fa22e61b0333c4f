// Builds the FerretDB launcher against FerretDB v1.24.2 with one correction applied to a copy of
// the module (nothing of FerretDB is kept in this repository): its SQLite backend creates the
// `_id` index on `_ferretdb_sjson->"_id"` but filters on `_ferretdb_sjson->'$._id'`, and SQLite
// uses an expression index only for the same expression. Every lookup, update and delete by `_id`
// therefore read the whole collection. See docs/adr/0011-ferretdb-id-index.md.
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../util.mjs';

const MODULE = 'github.com/FerretDB/FerretDB';
const VERSION = 'v1.24.2';

export const PATCHES = [
  {
    file: 'internal/backends/sqlite/metadata/metadata.go',
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: `IDColumn = DefaultColumn + "->'_id'"`,
  },
];

/** Copies the module out of Go's read-only cache, applies PATCHES and builds `binary` from `launcherDir`. */
export function buildFerretDB({ launcherDir, workDir, binary }) {
  const info = JSON.parse(run('go', ['mod', 'download', '-json', `${MODULE}@${VERSION}`], { cwd: launcherDir, capture: true }));
  rmSync(workDir, { recursive: true, force: true });
  const moduleCopy = join(workDir, 'FerretDB');
  const launcher = join(workDir, 'launcher');
  mkdirSync(launcher, { recursive: true });
  cpSync(info.Dir, moduleCopy, { recursive: true });
  for (const { file, from, to } of PATCHES) {
    const path = join(moduleCopy, file);
    const source = readFileSync(path, 'utf8');
    if (!source.includes(from)) throw new Error(`FerretDB ${VERSION}: ${file} no longer contains ${from}; review the patch`);
    chmodSync(path, 0o644);
    writeFileSync(path, source.replace(from, to));
  }
  for (const f of ['main.go', 'go.sum']) cpSync(join(launcherDir, f), join(launcher, f));
  writeFileSync(join(launcher, 'go.mod'), `${readFileSync(join(launcherDir, 'go.mod'), 'utf8')}\nreplace ${MODULE} => ../FerretDB\n`);
  run('go', ['build', '-o', binary, '.'], { cwd: launcher, env: { GOFLAGS: '-mod=mod' } });
}
