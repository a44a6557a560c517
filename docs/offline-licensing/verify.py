# python3 verify.py license  <jwks.json> <license_file> <product_id> <fingerprint>
# python3 verify.py response <jwks.json> <KeyBox-Signature> <body file> <nonce sent> <request path>
import base64, hashlib, json, sys, time
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

def b64url(s): return base64.urlsafe_b64decode(s + '=' * (-len(s) % 4))
def fail(why): sys.exit(why)

mode, jwks_path, jws, *args = sys.argv[1:]
h, p, s = jws.split('.')
header = json.loads(b64url(h))
jwk = next((k for k in json.load(open(jwks_path))['keys'] if k['kid'] == header.get('kid')), None)
if header.get('alg') != 'EdDSA' or jwk is None: fail('unknown key or algorithm')
try: Ed25519PublicKey.from_public_bytes(b64url(jwk['x'])).verify(b64url(s), f'{h}.{p}'.encode())
except InvalidSignature: fail('bad signature')
claims = json.loads(b64url(p))
if mode == 'license':
    now, skew = time.time(), 300
    if claims['nbf'] > now + skew or claims['exp'] < now - skew: fail('expired or not yet valid')
    if claims['license']['product_id'] != args[0] or claims['license']['machine'] != args[1]: fail('another product or machine')
    print(json.dumps(claims['license']))
else:
    sha256 = base64.urlsafe_b64encode(hashlib.sha256(open(args[0], 'rb').read()).digest()).rstrip(b'=').decode()
    if claims['sha256'] != sha256 or claims['nonce'] != args[1] or claims['path'] != args[2]: fail('not this response')
    print('ok')
