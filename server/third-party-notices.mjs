// The licences of the libraries bundled into dist/: their MIT, ISC, BSD and Apache licences ask
// that their notices travel with copies of their code, and the package ships that code bundled.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Package folders under node_modules that esbuild's metafiles list as inputs. */
function listBundledPackages(metafiles) {
  const folders = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const match = /^(.*?node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match) folders.add(match[1]);
    }
  }
  return [...folders].sort();
}

async function readLicenceText(folder) {
  const names = await readdir(folder);
  const file = names.find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
  return file ? (await readFile(path.join(folder, file), 'utf8')).trim() : null;
}

/** The notices file's text: per bundled package, its name, version, licence and licence text. */
export async function renderThirdPartyNotices(metafiles) {
  const sections = [];
  for (const folder of listBundledPackages(metafiles)) {
    const manifest = JSON.parse(await readFile(path.join(folder, 'package.json'), 'utf8'));
    if (typeof manifest.license !== 'string') throw new Error(`${folder}: no licence named in its package.json`);
    const author = typeof manifest.author === 'string' ? manifest.author : (manifest.author?.name ?? 'its authors');
    const text = (await readLicenceText(folder)) ?? `The package ships no licence file; its package.json gives the ${manifest.license} licence, by ${author}.`;
    sections.push(`${manifest.name} ${manifest.version} (${manifest.license})\n\n${text}`);
  }
  const rule = `\n\n${'-'.repeat(72)}\n\n`;
  return `gauntlet bundles the following libraries into dist/bin and dist/worker.\n${rule}${sections.join(rule)}\n`;
}
