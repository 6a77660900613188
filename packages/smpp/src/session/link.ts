import type { Socket } from 'node:net';
import { PduFramer, type FramingError } from '../codec/framer.ts';

export interface LinkHandler {
  onFrame(frame: Buffer): void;
  onFramingError(error: FramingError): void;
  onError(error: Error): void;
  onClose(): void;
}

/** Why reading is paused; reading goes on only when no reason holds. */
export type PauseReason = 'backpressure' | 'application' | 'bind';

/**
 * The transport under a session: frames what the socket reads, batches what it writes (one writev
 * per tick instead of one syscall per PDU), and pauses reading for as long as any reason holds.
 */
export class Link {
  lastReceivedAt = Date.now();
  private readonly framer: PduFramer;
  private readonly pauses = new Set<PauseReason>();
  private corked = false;
  private ended = false;

  constructor(
    readonly socket: Socket,
    maxPduLength: number,
    private readonly handler: LinkHandler,
  ) {
    this.framer = new PduFramer(maxPduLength);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.lastReceivedAt = Date.now();
      this.framer.push(chunk);
      this.drain();
    });
    socket.on('error', (error) => handler.onError(error));
    socket.on('close', () => handler.onClose());
  }

  get reading(): boolean {
    return this.pauses.size === 0 && !this.ended;
  }

  get writable(): boolean {
    return !this.ended && !this.socket.destroyed;
  }

  write(buffer: Buffer): void {
    if (!this.writable) return;
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(this.flush);
    }
    this.socket.write(buffer);
  }

  setPaused(reason: PauseReason, paused: boolean): void {
    const was = this.reading;
    if (paused) this.pauses.add(reason);
    else this.pauses.delete(reason);
    if (was && !this.reading) this.socket.pause();
    if (!was && this.reading) {
      this.socket.resume();
      // Frames that arrived before the pause are already buffered: deliver them on the next tick.
      process.nextTick(() => this.drain());
    }
  }

  /** Flushes what was written, then closes; `graceful` false drops the connection at once. */
  close(graceful: boolean): void {
    if (this.ended) return;
    this.ended = true;
    const socket = this.socket;
    if (!graceful || socket.destroyed) {
      socket.destroy();
      return;
    }
    if (this.corked) {
      this.corked = false;
      socket.uncork();
    }
    socket.end(() => socket.destroy());
    // A peer that never reads would keep 'finish' from coming.
    setTimeout(() => socket.destroy(), 2_000).unref();
  }

  private readonly flush = (): void => {
    if (!this.corked) return;
    this.corked = false;
    if (!this.socket.destroyed) this.socket.uncork();
  };

  private drain(): void {
    while (this.reading) {
      const frame = this.framer.next();
      if (frame === undefined) return;
      if (frame instanceof Uint8Array) {
        this.handler.onFrame(frame);
      } else {
        this.handler.onFramingError(frame);
        return;
      }
    }
  }
}

