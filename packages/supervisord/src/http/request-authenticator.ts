/**
 * Checks every request's credentials, verifying each distinct Authorization header once per
 * connection. A keep-alive client sends the same header with every request; decoding it and
 * comparing (or hashing) the password again each time only repeats work. A request whose header
 * differs from the one its connection last had accepted is checked in full.
 */
import type net from 'node:net';
import { isAuthorized, type Credentials } from './basic-auth';

export class RequestAuthenticator {
  /** The header each connection last had accepted (it came from that same client). */
  private readonly accepted = new WeakMap<net.Socket, string>();

  constructor(private readonly credentials: Credentials) {}

  /** Whether a request with this Authorization header (or none), received on `socket`, may proceed. */
  isAuthorized(header: string | undefined, socket: net.Socket): boolean {
    if (header === undefined) return false;
    if (this.accepted.get(socket) === header) return true;
    if (!isAuthorized(header, this.credentials)) return false;
    this.accepted.set(socket, header);
    return true;
  }
}
