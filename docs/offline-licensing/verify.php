<?php
// php verify.php license  <jwks.json> <license_file> <product_id> <fingerprint>
// php verify.php response <jwks.json> <KeyBox-Signature> <body file> <nonce sent> <request path>
function b64url(string $s): string { return base64_decode(strtr($s, '-_', '+/')); }
function fail(string $why): never { fwrite(STDERR, "$why\n"); exit(1); }
[, $mode, $jwksPath, $jws] = $argv;
$parts = explode('.', $jws);
if (count($parts) !== 3) fail('not a JWS');
[$h, $p, $s] = $parts;
$header = json_decode(b64url($h), true);
$jwk = current(array_filter(json_decode(file_get_contents($jwksPath), true)['keys'], fn ($k) => $k['kid'] === ($header['kid'] ?? null)));
if (($header['alg'] ?? null) !== 'EdDSA' || !$jwk) fail('unknown key or algorithm');
$sig = b64url($s);
if (strlen($sig) !== SODIUM_CRYPTO_SIGN_BYTES || !sodium_crypto_sign_verify_detached($sig, "$h.$p", b64url($jwk['x']))) fail('bad signature');
$claims = json_decode(b64url($p), true);
if ($mode === 'license') {
    $now = time(); $skew = 300;
    if ($claims['nbf'] > $now + $skew || $claims['exp'] < $now - $skew) fail('expired or not yet valid');
    if ($claims['license']['product_id'] !== $argv[4] || $claims['license']['machine'] !== $argv[5]) fail('another product or machine');
    echo json_encode($claims['license']), "\n";
} else {
    $sha256 = rtrim(strtr(base64_encode(hash('sha256', file_get_contents($argv[4]), true)), '+/', '-_'), '=');
    if (!hash_equals($claims['sha256'], $sha256) || $claims['nonce'] !== $argv[5] || $claims['path'] !== $argv[6]) fail('not this response');
    echo "ok\n";
}
