// A TLS front on loopback for the mail servers of the tests (plain TCP): it terminates TLS with a certificate for
// mail.cobro.test only (self-signed, P-256, valid until 2126; made with openssl req -x509 for these tests) and pipes the
// connection to the server behind it, keeping the server name each client asked for (SNI). A client that trusts CERT
// and verifies the certificate against mail.cobro.test gets through; one verifying it against 127.0.0.1 does not.
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';

export const MAIL_NAME = 'mail.cobro.test';
export const CERT = `-----BEGIN CERTIFICATE-----
MIIBqDCCAU2gAwIBAgIUYc8dNF1M9zNwhO2yZDHD8C0KixQwCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPbWFpbC5jb2Jyby50ZXN0MCAXDTI2MTIwNTExMTkxOVoYDzIx
MjYxMTExMTExOTE5WjAaMRgwFgYDVQQDDA9tYWlsLmNvYnJvLnRlc3QwWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAASdSPgp0e49yMRGLZK4mCoAkTYgJNlgGuAVieCq
ve2NPQmOpp5nhXuQ+iqs6RMELS78HXOSNUjNSE5SUGVHcfPao28wbTAdBgNVHQ4E
FgQUf0282KrISAJOIlJ+lrAzWFKaLdYwHwYDVR0jBBgwFoAUf0282KrISAJOIlJ+
lrAzWFKaLdYwDwYDVR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgg9tYWlsLmNvYnJv
LnRlc3QwCgYIKoZIzj0EAwIDSQAwRgIhALE6t/4/rJaTQcyrvy2e+gzP09oEXWep
kCnyWNT5Z81LAiEAusKk2LabJeTIZ5sqcgRNDY4tT/4C5IlPJuAooyJk7lo=
-----END CERTIFICATE-----
`;
export const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg1JmWgKW52jOxpUhJ
NzstiCQe5cyh6qRs/KPMrRWr4hOhRANCAASdSPgp0e49yMRGLZK4mCoAkTYgJNlg
GuAVieCqve2NPQmOpp5nhXuQ+iqs6RMELS78HXOSNUjNSE5SUGVHcfPa
-----END PRIVATE KEY-----
`;

export interface TlsFront { port: number; servernames: (string | false | null)[]; close(): Promise<void> }

export async function tlsFront(backendPort: number): Promise<TlsFront> {
  const servernames: (string | false | null)[] = [];
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key: KEY, cert: CERT }, (client) => {
    servernames.push(client.servername);
    const back = net.connect(backendPort, '127.0.0.1');
    sockets.add(client).add(back);
    client.pipe(back).pipe(client);
    const end = () => { client.destroy(); back.destroy(); };
    client.on('error', end).on('close', end);
    back.on('error', end).on('close', end);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port, servernames,
    close: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}
