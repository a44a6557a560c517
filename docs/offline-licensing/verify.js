// node verify.js license  <jwks.json> <license_file> <product_id> <fingerprint>
// node verify.js response <jwks.json> <KeyBox-Signature> <body file> <nonce sent> <request path>
const crypto = require('node:crypto'), fs = require('node:fs');
const fail = (why) => { console.error(why); process.exit(1); };
const [mode, jwksPath, jws, ...args] = process.argv.slice(2);
const [h, p, s] = jws.split('.');
const header = JSON.parse(Buffer.from(h, 'base64url'));
const jwk = JSON.parse(fs.readFileSync(jwksPath, 'utf8')).keys.find((k) => k.kid === header.kid);
if (header.alg !== 'EdDSA' || !jwk) fail('unknown key or algorithm');
const key = crypto.createPublicKey({ key: jwk, format: 'jwk' });
if (!crypto.verify(null, Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))) fail('bad signature');
const claims = JSON.parse(Buffer.from(p, 'base64url'));
if (mode === 'license') {
  const now = Date.now() / 1000, skew = 300;
  if (claims.nbf > now + skew || claims.exp < now - skew) fail('expired or not yet valid');
  if (claims.license.product_id !== args[0] || claims.license.machine !== args[1]) fail('another product or machine');
  console.log(JSON.stringify(claims.license));
} else {
  const sha256 = crypto.createHash('sha256').update(fs.readFileSync(args[0])).digest('base64url');
  if (claims.sha256 !== sha256 || claims.nonce !== args[1] || claims.path !== args[2]) fail('not this response');
  console.log('ok');
}
