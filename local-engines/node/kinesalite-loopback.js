'use strict'
// Starts kinesalite like its cli.js does, with two differences the firelake launcher needs:
// it listens on loopback only (cli.js binds every interface), and it exits when its parent
// closes our stdin, so a JVM that dies without running its shutdown hooks leaves no orphan.
// FIRELAKE_KINESALITE_FAST_PATHS=0 runs kinesalite exactly as published (for before/after comparisons).
const fastPaths = process.env.FIRELAKE_KINESALITE_FAST_PATHS !== '0'
if (fastPaths) require('./kinesalite-fast-paths').install()
const kinesalite = require('kinesalite')

const options = {}
const args = process.argv.slice(2)
for (let i = 0; i < args.length; i++) {
  const match = /^--([A-Za-z]+)$/.exec(args[i])
  if (!match) { console.error('unexpected argument: ' + args[i]); process.exit(2) }
  const value = args[i + 1]
  options[match[1]] = /^[0-9]+$/.test(value) ? Number(value) : value
  i++
}
const host = options.host || '127.0.0.1'
if (options.ssl) { console.error('--ssl is not supported: kinesalite crashes on aborted TLS requests'); process.exit(2) }

const server = kinesalite(options)
if (fastPaths) require('./kinesalite-fast-paths').gatherBodies(server)
server.on('error', (err) => {
  if (err.code === 'EADDRINUSE') console.error('port ' + options.port + ' on ' + host + ' is already in use')
  else console.error(err.stack || String(err))
  process.exit(3)
})
server.listen(options.port, host, () => {
  const address = server.address()
  console.log('Listening at http://%s:%s', address.address, address.port)
})

// FIRELAKE_KINESALITE_CPU_PROFILE=FILE.cpuprofile records a V8 CPU profile (as node --cpu-prof would; NODE_OPTIONS
// may not carry that flag) and writes it when the process ends: open it in Chrome DevTools or read it with
// local-engines/node/profile-top.js.
let stopProfile = (done) => done()
if (process.env.FIRELAKE_KINESALITE_CPU_PROFILE) {
  const session = new (require('inspector').Session)()
  session.connect()
  session.post('Profiler.enable', () => session.post('Profiler.start'))
  stopProfile = (done) => session.post('Profiler.stop', (err, result) => {
    if (!err) require('fs').writeFileSync(process.env.FIRELAKE_KINESALITE_CPU_PROFILE, JSON.stringify(result.profile))
    done()
  })
}
const exit = () => stopProfile(() => process.exit(0))
// SIGTERM is what the JVM's Process.destroy sends: exit cleanly.
process.on('SIGTERM', exit)
process.stdin.on('end', exit)
process.stdin.on('error', exit)
process.stdin.resume()
