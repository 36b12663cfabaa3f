#!/usr/bin/env node
/* eslint-disable no-console */
// Pins a freshly generated @backstage/create-app app to one Backstage release.
// create-app writes `^x.y.z` for every @backstage package, where x.y.z is the
// version of its own release; the registry then resolves some of them to a
// later release's versions that need newer core packages (seen: a template's
// `@backstage/plugin-signals-backend` ^0.3.19 -> 0.3.21, which needs
// `httpRouter.addWebSocketHandler` from backend-defaults 0.19, next to the
// template's backend-defaults ^0.18.0). So each one is pinned, through root
// `resolutions`, to exactly the version the template declares. This machine's
// registry mirror pins (our own root resolutions, see TOOLCHAIN.md) are added
// too. Every pin is printed with its reason.
// Usage: stock-baseline-pins.js APP_DIR OUR_ROOT_PACKAGE_JSON CREATE_APP_VERSION
const fs = require('fs');
const path = require('path');

const [appDir, ourRootFile, createAppVersion] = process.argv.slice(2);
const read = file => JSON.parse(fs.readFileSync(file, 'utf8'));
const rootFile = path.join(appDir, 'package.json');
const root = read(rootFile);
const manifests = [
  rootFile,
  path.join(appDir, 'packages/app/package.json'),
  path.join(appDir, 'packages/backend/package.json'),
];

const declared = new Map();
for (const file of manifests) {
  const pkg = read(file);
  for (const field of ['dependencies', 'devDependencies']) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      if (!name.startsWith('@backstage/')) continue;
      const match = /^[\^~]?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(range);
      if (!match) {
        console.error(
          `cannot pin ${name}: unexpected range '${range}' in ${file}`,
        );
        process.exit(1);
      }
      const previous = declared.get(name);
      if (previous && previous !== match[1]) {
        console.error(
          `cannot pin ${name}: declared as ${previous} and ${match[1]}`,
        );
        process.exit(1);
      }
      declared.set(name, match[1]);
    }
  }
}

const resolutions = { ...root.resolutions };
const backstage = fs.existsSync(path.join(appDir, 'backstage.json'))
  ? read(path.join(appDir, 'backstage.json')).version
  : 'unknown';
console.log(
  `Pinned to the exact versions create-app ${createAppVersion} declares (Backstage ${backstage}), so that no package of a later release mixes in:`,
);
for (const [name, version] of [...declared].sort()) {
  resolutions[name] = version;
  console.log(`  pin ${name}@${version}  (template: ^${version})`);
}
console.log(
  "Pinned for this machine's registry mirror, as in Paved Road's own package.json (TOOLCHAIN.md):",
);
const mirror = read(ourRootFile).resolutions ?? {};
for (const [name, version] of Object.entries(mirror)) {
  if (name in resolutions) continue;
  resolutions[name] = version;
  console.log(`  pin ${name}@${version}`);
}
root.resolutions = resolutions;
fs.writeFileSync(rootFile, `${JSON.stringify(root, null, 2)}\n`);
console.log(`${Object.keys(resolutions).length} pins written to ${rootFile}`);
