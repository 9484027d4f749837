// pg_scram.js: node-postgres (`pg`) through cutoverd, for tests/integration/test_scram.py.
//
//   node pg_scram.js HOST PORT DATABASE CAFILE USER PASSWORD [WRONG_PASSWORD]
//
// Connects over TLS (verify-full against CAFILE) with enableChannelBinding (SCRAM-SHA-256-PLUS
// when offered), prints one JSON line {"user", "ssl"} from the session, then, with
// WRONG_PASSWORD, tries again with it and prints {"error": SQLSTATE, "message"}. Exit 0 when
// every step ran (the test judges what was printed), 1 on anything unexpected.
'use strict'
const fs = require('fs')
const path = require('path')
const { Client } = require(path.join(__dirname, 'node_modules', 'pg'))

const [host, port, database, cafile, user, password, wrong] = process.argv.slice(2)

function client(pw) {
  return new Client({
    host, port: Number(port), database, user, password: pw,
    ssl: { ca: fs.readFileSync(cafile), servername: host },
    enableChannelBinding: true,
    connectionTimeoutMillis: 10000,
  })
}

async function main() {
  const c = client(password)
  await c.connect()
  const r = await c.query('SELECT current_user AS user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')
  await c.end()
  console.log(JSON.stringify(r.rows[0]))
  if (wrong !== undefined) {
    const bad = client(wrong)
    try {
      await bad.connect()
      console.log(JSON.stringify({ error: null }))
      await bad.end()
    } catch (e) {
      console.log(JSON.stringify({ error: e.code || null, message: e.message }))
    }
  }
}

main().catch((e) => {
  console.error('pg_scram.js:', e && e.stack ? e.stack : e)
  process.exit(1)
})
