'use strict'
// Starts kinesalite like its cli.js does, with two differences the firelake launcher needs:
// it listens on loopback only (cli.js binds every interface), and it exits when its parent
// closes our stdin, so a JVM that dies without running its shutdown hooks leaves no orphan.
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
server.on('error', (err) => {
  if (err.code === 'EADDRINUSE') console.error('port ' + options.port + ' on ' + host + ' is already in use')
  else console.error(err.stack || String(err))
  process.exit(3)
})
server.listen(options.port, host, () => {
  const address = server.address()
  console.log('Listening at http://%s:%s', address.address, address.port)
})

process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
