// Mints and verifies RS256 JWTs with the jose library: an implementation independent of .NET.
// Reads one JSON request on stdin, writes one JSON answer on stdout.
//   {"command":"mint","issuer":...,"audience":...,"appId":...,"otherAppId":...}
//     -> {"jwks":{...},"valid":"...","otherApp":"...","expired":"...","kid":"..."}
//   {"command":"verify","issuer":...,"audience":...,"appId":...,"jwks":{...}|null,"jwksUri":"..."|null,"tokens":["..."]}
//     -> {"results":[{"ok":true}|{"ok":false,"error":"..."}]}
import * as jose from 'jose';

const request = JSON.parse(await readStdin());
const answer = request.command === 'mint' ? await mint(request) : await verify(request);
process.stdout.write(JSON.stringify(answer));

async function mint({ issuer, audience, appId, otherAppId }) {
  const kid = 'jose-' + crypto.randomUUID();
  const { publicKey, privateKey } = await jose.generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = { ...(await jose.exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };
  const now = Math.floor(Date.now() / 1000);
  const sign = (claims, iat, exp) => new jose.SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject('jose-subject')
    .setJti(crypto.randomUUID())
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(exp)
    .sign(privateKey);
  return {
    kid,
    jwks: { keys: [jwk] },
    valid: await sign({ app_id: appId, scope: 'invoices.read' }, now, now + 3600),
    otherApp: await sign({ app_id: otherAppId }, now, now + 3600),
    expired: await sign({ app_id: appId }, now - 7200, now - 3600),
  };
}

async function verify({ issuer, audience, appId, jwks, jwksUri, tokens }) {
  const keys = jwksUri ? jose.createRemoteJWKSet(new URL(jwksUri)) : jose.createLocalJWKSet(jwks);
  const results = [];
  for (const token of tokens) {
    try {
      const { payload } = await jose.jwtVerify(token, keys, { issuer, audience, algorithms: ['RS256'], requiredClaims: ['exp'] });
      if (typeof payload.app_id !== 'string' || payload.app_id !== appId) {
        results.push({ ok: false, error: 'app_id mismatch' });
      } else {
        results.push({ ok: true });
      }
    } catch (e) {
      results.push({ ok: false, error: `${e.code ?? e.name}: ${e.message}` });
    }
  }
  return { results };
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
