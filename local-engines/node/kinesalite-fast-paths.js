'use strict'
// Faster paths for kinesalite 3.3.3, installed by kinesalite-loopback.js (no file of the npm package is changed).
// GetRecords, installed before kinesalite loads: the same
// checks, records and answers as kinesalite's actions/getRecords.js (MIT, Michael Hart), but the response is built as
// one Buffer from the values as LevelDB stores them (each already the JSON of a record) instead of JSON.parse of every
// stored record and JSON.stringify of the whole response. With KPL aggregates of 25 KB, kinesalite spent most of its
// CPU there and in the garbage collector those strings fed (docs/benchmarks.md, "Kinesalite"); the bytes on the wire
// are the same JSON. Only the sequence numbers that matter are parsed: records of a shard are in sequence order, so
// when the first is within the retention period all are. One deliberate difference: an empty read of an open shard
// keeps its position (see answer()), where kinesalite could skip a record still being written.
const Module = require('module')
const path = require('path')

const RAW_JSON = Symbol('firelake raw JSON response')

function install() {
  const db = require('kinesalite/db')
  const original = require('kinesalite/actions/getRecords')
  const file = require.resolve('kinesalite/actions/getRecords')
  const fast = fastGetRecords(db, original)
  const module = new Module(file, null)
  module.filename = file
  module.paths = Module._nodeModulePaths(path.dirname(file))
  module.exports = fast
  module.loaded = true
  require.cache[file] = module
  // kinesalite's sendJson calls JSON.stringify on whatever an action answers; a raw answer is already JSON bytes
  // (sendRaw takes a Buffer as is). Every other value goes through the real JSON.stringify.
  const stringify = JSON.stringify
  JSON.stringify = function (value, replacer, space) {
    if (value != null && value[RAW_JSON] !== undefined) return value[RAW_JSON]
    return stringify(value, replacer, space)
  }
}

function fastGetRecords(db, original) {
  const crypto = require('crypto')
  const once = require('once')
  return function getRecords(store, data, cb) {
    // Parsing and checking the iterator is kinesalite's own code path: decrypt once here for the stream and
    // sequence, and let the original answer every error case.
    let pieces
    try {
      const buffer = Buffer.from(data.ShardIterator, 'base64')
      if (buffer.length < 152 || buffer.length > 280 || buffer.toString('base64') != data.ShardIterator ||
          buffer.slice(0, 8).toString('hex') != '0000000000000001') return original(store, data, cb)
      const decipher = crypto.createDecipheriv('aes-256-cbc', db.ITERATOR_PWD_KEY, db.ITERATOR_PWD_IV)
      pieces = Buffer.concat([decipher.update(buffer.slice(8)), decipher.final()]).toString('utf8').split('/')
    } catch (e) {
      return original(store, data, cb)
    }
    const now = Date.now()
    const iteratorTime = +pieces[0], streamName = pieces[1], shardId = pieces[2], seqNo = pieces[3]
    const shardIx = parseInt((shardId || '').split('-')[1])
    let seqObj
    try {
      seqObj = db.parseSequence(seqNo)
    } catch (e) {
      return original(store, data, cb)
    }
    if (pieces.length != 5 || !/^shardId-[\d]{12}$/.test(shardId) || !(shardIx >= 0 && shardIx < 2147483648) ||
        !(iteratorTime > 0 && iteratorTime <= now) || !/[a-zA-Z0-9_.-]+/.test(streamName) ||
        streamName.length > 128 || (now - iteratorTime) > 300000) {
      return original(store, data, cb)
    }
    store.getStream(streamName, function (err, stream) {
      if (err || shardIx >= stream.Shards.length) return original(store, data, cb)
      cb = once(cb)
      const streamDb = store.getStreamDb(streamName)
      const cutoffTime = now - (stream.RetentionPeriodHours * 60 * 60 * 1000)
      const keys = [], values = []
      const limit = data.Limit || 10000
      const iterator = streamDb.iterator({
        gte: db.shardIxToHex(shardIx) + '/' + seqNo, lt: db.shardIxToHex(shardIx + 1),
        limit: limit, keyAsBuffer: false, valueEncoding: 'binary',
      })
      const next = () => iterator.next(function (err, key, value) {
        if (err) return iterator.end(() => cb(err))
        if (key === undefined) return iterator.end(() => answer())
        keys.push(typeof key == 'string' ? key : key.toString())
        values.push(value)
        next()
      })
      next()

      function answer() {
        let first = 0
        const keysToDelete = []
        if (keys.length && db.parseSequence(keys[0].split('/')[1]).seqTime < cutoffTime) {
          // Some records expired: the slow path, record by record, as kinesalite does it.
          while (first < keys.length && db.parseSequence(keys[first].split('/')[1]).seqTime < cutoffTime) {
            keysToDelete.push(keys[first++])
          }
        }
        const lastSeqObj = keys.length ? db.parseSequence(keys[keys.length - 1].split('/')[1]) : null
        let defaultTime = now
        if (seqObj.seqTime > defaultTime) defaultTime = seqObj.seqTime
        // kinesalite moves an empty read's iterator to (the same sequence index, now). Sequence numbers order by
        // index first, then time, so the record that takes that index next is skipped if it was stamped before that
        // now: a PutRecords whose LevelDB write is still running when a reader polls a second later. That lost the
        // first record of the stream (both readers missed the same aggregate in a loaded 1M-event demo). An empty read
        // of an open shard keeps its position instead; a closed shard's end is still detected as kinesalite does.
        const closed = !!stream.Shards[shardIx].SequenceNumberRange.EndingSequenceNumber
        let nextShardIterator = db.createShardIterator(streamName, shardId, lastSeqObj
          ? db.incrementSequence(lastSeqObj, null)
          : closed ? db.incrementSequence(seqObj, defaultTime) : seqNo)
        let millisBehind = 0
        if (first == keys.length && closed) {
          const endSeqObj = db.parseSequence(stream.Shards[shardIx].SequenceNumberRange.EndingSequenceNumber)
          if (seqObj.seqTime >= endSeqObj.seqTime) {
            nextShardIterator = undefined
            millisBehind = Math.max(0, now - endSeqObj.seqTime)
          }
        }
        const head = '{"MillisBehindLatest":' + millisBehind +
          (nextShardIterator === undefined ? '' : ',"NextShardIterator":' + JSON.stringify(nextShardIterator)) +
          ',"Records":['
        const parts = [Buffer.from(head)]
        for (let i = first; i < keys.length; i++) {
          const value = values[i]
          // The stored value is the record's JSON object; close it with its sequence number instead of '}'.
          parts.push(i > first ? COMMA : EMPTY, value.subarray(0, value.length - 1),
            Buffer.from(',"SequenceNumber":"' + keys[i].split('/')[1] + '"}'))
        }
        parts.push(TAIL)
        cb(null, {[RAW_JSON]: Buffer.concat(parts)})
        if (keysToDelete.length) {
          streamDb.batch(keysToDelete.map((key) => ({type: 'del', key: key})), function (err) {
            if (err && !/Database is not open/.test(err)) console.error(err.stack || err)
          })
        }
      }
    })
  }
}

const COMMA = Buffer.from(',')
const EMPTY = Buffer.alloc(0)
const TAIL = Buffer.from(']}')

// kinesalite grows a request body with Buffer.concat on every chunk, quadratic in the chunks: a 5 MB PutRecords
// copied about 200 MB. Gather the chunks once and hand kinesalite the whole body as one chunk.
function gatherBodies(server) {
  const handle = server.listeners('request')[0]
  server.removeAllListeners('request')
  server.on('request', (req, res) => {
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => {
      req.removeAllListeners('data')
      req.removeAllListeners('end')
      handle(req, res)
      if (chunks.length) req.emit('data', chunks.length == 1 ? chunks[0] : Buffer.concat(chunks))
      req.emit('end')
    })
  })
}

module.exports = {install, gatherBodies}
