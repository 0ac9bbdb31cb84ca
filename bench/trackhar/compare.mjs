// TrackHAR 1.0.0 and Telltale on the same HAR: which identifiers TrackHAR's adapters name, and
// whether Telltale (with no canary file) reports each in the same request, by value.
// Usage: node compare.mjs HAR TELLTALE_JSON  -> one JSON line of counts, then one line per miss.
import { readFile } from 'fs/promises';
import { process as processHar } from 'trackhar';

const IDS = new Set(['advertisingId', 'hashedAdvertisingId', 'developerScopedId', 'deviceId', 'installationId',
  'userId', 'browserId', 'sessionId', 'pushNotificationToken', 'otherIdentifiers', 'macAddress']);
const har = JSON.parse(await readFile(process.argv[2], 'utf-8'));
const telltale = JSON.parse(await readFile(process.argv[3], 'utf-8'));
const started = performance.now();
const results = await processHar(har);
const trackharMillis = performance.now() - started;
const byFlow = new Map();
for (const f of telltale.findings) {
  if (!byFlow.has(f.flow)) byFlow.set(f.flow, []);
  byFlow.get(f.flow).push(f);
}
const kinds = {};
let ids = 0, found = 0;
const misses = [];
results.forEach((r, i) => {
  for (const t of r || []) {
    kinds[t.property] = (kinds[t.property] || 0) + 1;
    if (!IDS.has(t.property)) continue;
    ids++;
    // TrackHAR reports a value as sent (google_hm is base64 of the ID); Telltale reports the ID it decoded.
    const raw = String(t.value);
    const decoded = /^[A-Za-z0-9+/_-]{8,}={0,2}$/.test(raw) ? Buffer.from(raw, 'base64').toString('latin1') : '';
    const spellings = [raw, /^[\x20-\x7e]+$/.test(decoded) ? decoded : ''].filter(s => s).map(s => s.toLowerCase());
    const hit = (byFlow.get(i) || []).find(f => {
      const w = String(f.value).toLowerCase(), m = String(f.matched ?? '').toLowerCase();
      return w.length >= 6 && spellings.some(v => v.includes(w) || w.includes(v) || m.includes(v));
    });
    if (hit) found++; else misses.push({ entry: i, host: new URL(har.log.entries[i].request.url).host,
      property: t.property, path: t.path, value: String(t.value).slice(0, 100) });
  }
});
console.log(JSON.stringify({ har: process.argv[2].split('/').pop(), entries: har.log.entries.length,
  trackharMillis: Math.round(trackharMillis), trackharProperties: kinds, trackharIdentifiers: ids,
  telltaleFoundOfThem: found, telltaleFindings: telltale.findings.length }));
for (const m of misses) console.log(JSON.stringify(m));
