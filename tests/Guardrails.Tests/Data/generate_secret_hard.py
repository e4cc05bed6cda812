import re
# Writes secret.hard.jsonl: hard positives (AWS secrets beside key ids, secrets after a bare word) and hard
# negatives (git SHAs, UUIDs, base64 images, hashes in URLs). Run: python3 generate_secret_hard.py > secret.hard.jsonl
import json, random, string, base64, hashlib, uuid
R = random.Random(1402)
B64 = string.ascii_letters + string.digits + "/+"
ALNUM = string.ascii_letters + string.digits
def rnd(n, a=ALNUM):
    while True:
        s = "".join(R.choice(a) for _ in range(n))
        if any(c.isupper() for c in s) and any(c.islower() for c in s) and any(c.isdigit() for c in s):
            return s
def akid(p="AKIA"): return p + "".join(R.choice(string.ascii_uppercase + "234567") for _ in range(16))
def awssec(): return rnd(40, B64)
rows = []
def pos(t, *v): rows.append({"text": t, "expected": list(v)})
def neg(t): rows.append({"text": t, "expected": re.findall(r"(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])", t)})
# AWS secret near an access key id, any label or none
pos("Use key AKIAIOSFODNN7EXAMPLE with secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY now.", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
for tpl in ["Access key {k}, secret {s}.", "{k}:{s}", "{k},{s}", "id {k} / {s}", "creds: {k} {s}",
            "{{\"AccessKeyId\": \"{k}\", \"SecretAccessKey\": \"{s}\"}}", "[default]\naws_access_key_id = {k}\nsecret = {s}",
            "The IAM user {k} has the signing value {s} attached.", "here you go -> {s} (id {k})", "export AWS_ACCESS_KEY_ID={k}; export AWS_SECRET={s}"]:
    k = akid(R.choice(["AKIA", "ASIA"])); s = awssec()
    pos(tpl.format(k=k, s=s), k, s)
# high-entropy tokens after secret words without = or :
for tpl in ["my token {v} expires tomorrow", "Here is the secret {v} for staging.", "use the api key {v} in the header",
            "The access token {v} was leaked in the logs.", "password {p} for the admin console", "client secret {v}",
            "Her GitLab key {v} still works.", "webhook secret {v} (rotate monthly)", "Try token\t{v} instead.",
            "the session token \"{v}\" from the cookie", "PASSWORD {p}", "Secret {v}.", "signing key {v}, keep it safe",
            "refresh token {v}", "Bot token {v} belongs to the deploy bot."]:
    v = rnd(R.choice([24, 32, 40])); p = rnd(8, ALNUM) + R.choice("!#%&*") + rnd(3, string.digits + string.ascii_lowercase + "X")
    val = p if "{p}" in tpl else v
    pos(tpl.replace("{p}", p).replace("{v}", v), val)
# hard negatives
sha = lambda: hashlib.sha1(str(R.random()).encode()).hexdigest()
sha256 = lambda: hashlib.sha256(str(R.random()).encode()).hexdigest()
uid = lambda: str(uuid.UUID(int=R.getrandbits(128), version=4))
png = base64.b64encode(bytes(R.getrandbits(8) for _ in range(90))).decode()
for t in [f"Fixed in commit {sha()}; the key change is in parser.py.",
          f"Rotated AKIAIOSFODNN7EXAMPLE in commit {sha()} yesterday.", 
          f"token {sha()} is the commit that introduced the bug",
          f"The secret sauce is in {sha()}.",
          f"key {sha256()} (sha256 of the tarball)",
          f"Cache key {sha()}",
          f"request id {uid()}", f"the idempotency key {uid()} was reused",
          f"Session token format: {uid()} is a trace id, not a token.",
          f"key {uid()} in the partition map",
          f"Logo for the key page: data:image/png;base64,iVBORw0KGgo{png}",
          f"<img alt=\"token icon\" src=\"data:image/png;base64,{png}\">",
          f"secret data:image/gif;base64,R0lGODlh{png[:60]}",
          f"See https://github.com/acme/app/commit/{sha()} for the key fix.",
          f"https://cdn.example.com/assets/app.{sha256()[:32]}.js is the token bundle",
          f"Download https://example.com/files/release.tgz?sha256={sha256()} and check the key.",
          f"https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz#sha512-{base64.b64encode(hashlib.sha512(b'x').digest()).decode()}",
          f"Use integrity=\"sha384-{base64.b64encode(hashlib.sha384(b'y').digest()).decode()}\" for the secret-free CDN script.",

          "The key takeaway from the Q3 review is growth.",
          "Our secret weapon is a well-tested CI pipeline.",
          "Press the key combination Ctrl+Shift+P to open it.",
          "password reset emails go out within 5 minutes",
          "The token budget is 4096 tokens per request.",
          "key AKIA + 16 characters is the pattern for access key ids",
          f"AKIAIOSFODNN7EXAMPLE was rotated; the new bucket is s3://logs-{sha()[:12]}/2024/",
          f"AKIAIOSFODNN7EXAMPLE belongs to commit {sha()}",
          f"Access key {akid()} and request {uid()}",
          f"ASIA key {akid('ASIA')} with checksum {sha()}",
          f"{akid()} stored at https://s3.amazonaws.com/bucket/{sha()}/object",
          "secret santa sign-up closes Friday",
          "token ring networks were common in the 1990s",
          "The password field uses 12345678901234567890 as a test fixture length.",
          f"key id {uid()}, version 20240105T101112Z",
          "Secret: TBD",
          f"git checkout {sha()} -- config/secrets.yml",
          f"ETag: \"{hashlib.md5(b'z').hexdigest()}\" on the token endpoint",
          f"The key fingerprint is SHA256:{base64.b64encode(hashlib.sha256(b'k').digest()).decode().rstrip('=')}.",
          ]:
    neg(t)
for r in rows: print(json.dumps(r, ensure_ascii=False))
