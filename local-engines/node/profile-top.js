'use strict'
// Prints the top frames of a V8 .cpuprofile (FIRELAKE_KINESALITE_CPU_PROFILE, or node --cpu-prof): self time and
// total time (self plus callees) per function, as shares of the profile's samples.
// Usage: node local-engines/node/profile-top.js FILE.cpuprofile [N]
const fs = require('fs')
const [file, n = '25'] = process.argv.slice(2)
if (!file) { console.error('usage: node profile-top.js FILE.cpuprofile [N]'); process.exit(2) }
const profile = JSON.parse(fs.readFileSync(file, 'utf8'))
const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
const hits = new Map()
for (const id of profile.samples) hits.set(id, (hits.get(id) || 0) + 1)
const parent = new Map()
for (const node of profile.nodes) for (const child of node.children || []) parent.set(child, node.id)
const name = (node) => {
  const f = node.callFrame
  return (f.functionName || '(anonymous)') + ' ' + (f.url ? f.url.replace(/^.*node_modules\//, '') + ':' + (f.lineNumber + 1) : '')
}
const self = new Map()
const total = new Map()
for (const [id, count] of hits) {
  const key = name(nodes.get(id))
  self.set(key, (self.get(key) || 0) + count)
  const seen = new Set()
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const k = name(nodes.get(at))
    if (!seen.has(k)) { seen.add(k); total.set(k, (total.get(k) || 0) + count) }
  }
}
const all = profile.samples.length
const top = (map, title) => {
  console.log(title)
  for (const [key, count] of [...map].sort((a, b) => b[1] - a[1]).slice(0, +n)) {
    console.log(`  ${(100 * count / all).toFixed(1).padStart(5)}%  ${key}`)
  }
}
console.log(`${all} samples, ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s`)
top(self, 'self time')
top(total, 'total time (self and callees)')
