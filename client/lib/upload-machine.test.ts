import { describe, expect, it, vi } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { ApiProblem } from './api.ts';
import type { UploadedDocument } from './upload.ts';
import { failureOf, refusalOf, uploadMachine, type UploadDeps, type UploadEmitted, type UploadFn } from './upload-machine.ts';

const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46];
const PDF_HEAD = [...new TextEncoder().encode('%PDF-1.7')];
const ZIP_HEAD = [0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0];

/** A file of `size` bytes starting with `head`. */
const file = (name: string, type: string, head: number[], size = 1000) => {
  const bytes = new Uint8Array(size);
  bytes.set(head.slice(0, size));
  return new File([bytes], name, { type });
};
const jpeg = (size = 1000, name = 'ktp.jpg') => file(name, 'image/jpeg', JPEG_HEAD, size);
const pdf = (size = 1000) => file('kk.pdf', 'application/pdf', PDF_HEAD, size);

const doc = (id: string, size = 1000): UploadedDocument => ({ id, kind: 'ktp', size, sha256: 'x', mime: 'image/jpeg' });

/** One upload the test finishes by hand. */
type Call = {
  file: File;
  signal: AbortSignal;
  progress: (loaded: number, total: number) => void;
  resolve: (doc: UploadedDocument) => void;
  reject: (err: unknown) => void;
};

function fakeServer() {
  const calls: Call[] = [];
  const upload: UploadFn = (f, { signal, onProgress }) =>
    new Promise((resolve, reject) => {
      calls.push({ file: f, signal, progress: onProgress, resolve, reject });
    });
  return { calls, upload: vi.fn(upload) };
}

function start(deps: Partial<UploadDeps> = {}, maxBytes = 2 * 1024 * 1024, types?: string[]) {
  const server = fakeServer();
  const actor = createActor(uploadMachine, {
    input: {
      maxBytes,
      ...(types ? { types } : {}),
      deps: { upload: server.upload, shrink: async () => null, thumbnail: async () => null, ...deps },
    },
  });
  const emitted: UploadEmitted[] = [];
  actor.on('uploaded', (e) => emitted.push(e));
  actor.start();
  return { actor, server, emitted };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const network = () => new ApiProblem(0, { detail: 'offline' }, 'Connection failed');

describe('uploadMachine', () => {
  it('refuses, without sending it, a file of a type the field’s document kind does not accept', async () => {
    const { actor, server } = start({}, 2 * 1024 * 1024, ['application/pdf']);
    actor.send({ type: 'CHOOSE', file: jpeg(4000) });
    await waitFor(actor, (s) => s.matches('refused'));
    expect(actor.getSnapshot().context.refusal).toMatchObject({ code: 'badType' });
    expect(server.calls).toEqual([]);
  });

  it('checks a file, uploads it with progress and emits the stored document', async () => {
    const { actor, server, emitted } = start();
    actor.send({ type: 'CHOOSE', file: jpeg(4000) });
    expect(actor.getSnapshot().value).toBe('checking');
    await waitFor(actor, (s) => s.matches('uploading'));
    const ctx = () => actor.getSnapshot().context;
    expect(ctx().chosen?.mime).toBe('image/jpeg');
    expect([ctx().loaded, ctx().total]).toEqual([0, 4000]);

    const call = server.calls[0]!;
    call.progress(1000, 4000);
    expect([ctx().loaded, ctx().spoken]).toEqual([1000, 25]);
    call.progress(2100, 4000);
    call.progress(4000, 4000);
    // Announced in quarters; 100 % is said by the result instead.
    expect(ctx().spoken).toBe(50);

    call.resolve(doc('d1', 4000));
    await waitFor(actor, (s) => s.matches('uploaded'));
    expect(ctx().uploaded?.id).toBe('d1');
    expect(emitted).toEqual([{ type: 'uploaded', doc: doc('d1', 4000), file: ctx().chosen?.file }]);
  });

  it('never sends a file that is too large, empty or not a JPEG, PNG or PDF by content', async () => {
    const { actor, server } = start({}, 5000);

    actor.send({ type: 'CHOOSE', file: jpeg(6000) });
    // Too large: refused at once, without reading the file.
    expect(actor.getSnapshot().value).toBe('refused');
    expect(actor.getSnapshot().context.refusal).toMatchObject({ code: 'tooLarge', shrinkable: true });

    actor.send({ type: 'CHOOSE', file: pdf(6000) });
    expect(actor.getSnapshot().context.refusal).toMatchObject({ code: 'tooLarge', shrinkable: false });

    actor.send({ type: 'CHOOSE', file: new File([], 'empty.pdf', { type: 'application/pdf' }) });
    expect(actor.getSnapshot().context.refusal?.code).toBe('empty');

    // Named and typed as a PDF, but a ZIP inside: refused once its first bytes are read.
    actor.send({ type: 'CHOOSE', file: file('scan.pdf', 'application/pdf', ZIP_HEAD) });
    expect(actor.getSnapshot().value).toBe('checking');
    await waitFor(actor, (s) => !s.matches('checking'));
    expect(actor.getSnapshot().value).toBe('refused');
    expect(actor.getSnapshot().context.refusal?.code).toBe('badType');

    // Nothing to retry, nothing to shrink (not a photo over the limit).
    actor.send({ type: 'RETRY' });
    actor.send({ type: 'SHRINK' });
    await settle();
    expect(actor.getSnapshot().value).toBe('refused');
    expect(server.upload).not.toHaveBeenCalled();
  });

  it('goes by content: a file without a known type that is a PDF is sent', async () => {
    const { actor, server } = start();
    actor.send({ type: 'CHOOSE', file: file('scan', 'application/octet-stream', PDF_HEAD) });
    await waitFor(actor, (s) => s.matches('uploading'));
    expect(actor.getSnapshot().context.chosen?.mime).toBe('application/pdf');
    expect(server.calls).toHaveLength(1);
  });

  it('keeps the file after a network failure and sends the same file again on RETRY', async () => {
    const { actor, server, emitted } = start();
    const chosen = jpeg();
    actor.send({ type: 'CHOOSE', file: chosen });
    await waitFor(actor, (s) => s.matches('uploading'));
    server.calls[0]!.progress(600, 1000);
    server.calls[0]!.reject(network());
    await waitFor(actor, (s) => s.matches('failed'));
    expect(actor.getSnapshot().context.failure).toEqual({ reason: 'network', retry: true });
    expect(actor.getSnapshot().context.chosen?.file).toBe(chosen);

    actor.send({ type: 'RETRY' });
    expect(actor.getSnapshot().value).toBe('uploading');
    // Progress starts over for the new request; the failure is cleared.
    expect(actor.getSnapshot().context).toMatchObject({ loaded: 0, spoken: 0, failure: null });
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]!.file).toBe(chosen);
    server.calls[1]!.resolve(doc('d2'));
    await waitFor(actor, (s) => s.matches('uploaded'));
    expect(emitted.map((e) => e.doc.id)).toEqual(['d2']);
  });

  it('does not offer a retry when the server refused the file for good', async () => {
    const { actor, server } = start();
    actor.send({ type: 'CHOOSE', file: jpeg() });
    await waitFor(actor, (s) => s.matches('uploading'));
    const refused = new ApiProblem(415, { detail: 'Not a document' }, 'Unsupported');
    server.calls[0]!.reject(refused);
    await waitFor(actor, (s) => s.matches('failed'));
    expect(actor.getSnapshot().context.failure).toEqual({ reason: 'problem', problem: refused, retry: false });
    actor.send({ type: 'RETRY' });
    expect(actor.getSnapshot().value).toBe('failed');
    expect(server.calls).toHaveLength(1);
  });

  it('replaces an uploaded document with another file', async () => {
    const { actor, server, emitted } = start();
    actor.send({ type: 'CHOOSE', file: jpeg() });
    await waitFor(actor, (s) => s.matches('uploading'));
    server.calls[0]!.resolve(doc('first'));
    await waitFor(actor, (s) => s.matches('uploaded'));

    const second = pdf();
    actor.send({ type: 'CHOOSE', file: second });
    await waitFor(actor, (s) => s.matches('uploading'));
    expect(actor.getSnapshot().context.chosen).toEqual({ file: second, mime: 'application/pdf', thumb: null });
    server.calls[1]!.resolve(doc('second'));
    await waitFor(actor, (s) => s.matches('uploaded'));
    expect(emitted.map((e) => e.doc.id)).toEqual(['first', 'second']);
    expect(actor.getSnapshot().context.uploaded?.id).toBe('second');
  });

  it('a new file chosen during an upload aborts it; a late answer from it is ignored', async () => {
    const { actor, server, emitted } = start();
    actor.send({ type: 'CHOOSE', file: jpeg() });
    await waitFor(actor, (s) => s.matches('uploading'));
    actor.send({ type: 'CHOOSE', file: pdf() });
    expect(server.calls[0]!.signal.aborted).toBe(true);
    server.calls[0]!.resolve(doc('stale'));
    await waitFor(actor, (s) => s.matches('uploading'));
    server.calls[1]!.resolve(doc('fresh'));
    await waitFor(actor, (s) => s.matches('uploaded'));
    expect(emitted.map((e) => e.doc.id)).toEqual(['fresh']);
  });

  it('CANCEL aborts the request and keeps the file for a retry', async () => {
    const { actor, server } = start();
    actor.send({ type: 'CHOOSE', file: jpeg() });
    await waitFor(actor, (s) => s.matches('uploading'));
    actor.send({ type: 'CANCEL' });
    expect(server.calls[0]!.signal.aborted).toBe(true);
    expect(actor.getSnapshot().value).toBe('failed');
    expect(actor.getSnapshot().context.failure).toEqual({ reason: 'cancelled', retry: true });
    // The aborted request rejecting later changes nothing.
    server.calls[0]!.reject(new DOMException('aborted', 'AbortError'));
    await settle();
    expect(actor.getSnapshot().context.failure?.reason).toBe('cancelled');
    actor.send({ type: 'RETRY' });
    expect(server.calls).toHaveLength(2);
  });

  it('aborts the upload when the field goes away (the actor stops)', async () => {
    const { actor, server, emitted } = start();
    actor.send({ type: 'CHOOSE', file: jpeg() });
    await waitFor(actor, (s) => s.matches('uploading'));
    const { signal } = server.calls[0]!;
    expect(signal.aborted).toBe(false);
    actor.stop();
    expect(signal.aborted).toBe(true);
    server.calls[0]!.resolve(doc('late'));
    await settle();
    expect(emitted).toEqual([]);
  });

  it('makes a photo over the limit smaller and sends the smaller one after checking it', async () => {
    const smaller = jpeg(3000, 'ktp.jpg');
    const shrink = vi.fn(async () => smaller);
    const { actor, server } = start({ shrink }, 5000);
    const big = jpeg(9000);
    actor.send({ type: 'CHOOSE', file: big });
    actor.send({ type: 'SHRINK' });
    expect(actor.getSnapshot().value).toBe('shrinking');
    expect(shrink).toHaveBeenCalledWith(big, 5000);
    await waitFor(actor, (s) => s.matches('uploading'));
    expect(server.calls[0]!.file).toBe(smaller);
  });

  it('says so when the photo cannot be made smaller, and then offers no shrinking', async () => {
    const { actor, server } = start({ shrink: async () => null }, 5000);
    actor.send({ type: 'CHOOSE', file: jpeg(9000) });
    actor.send({ type: 'SHRINK' });
    await waitFor(actor, (s) => s.matches('refused'));
    expect(actor.getSnapshot().context.refusal).toMatchObject({ code: 'shrinkFailed', shrinkable: false });
    actor.send({ type: 'SHRINK' });
    expect(actor.getSnapshot().value).toBe('refused');
    expect(server.upload).not.toHaveBeenCalled();
  });

  it('adds the preview of a photo when it is ready, and ignores a preview of an earlier file', async () => {
    const previews = new Map<File, (thumb: string) => void>();
    const thumbnail = (f: File) => new Promise<string | null>((resolve) => previews.set(f, resolve));
    const { actor } = start({ thumbnail });
    const first = jpeg();
    actor.send({ type: 'CHOOSE', file: first });
    await waitFor(actor, (s) => s.matches('uploading'));
    const second = jpeg(2000, 'kk.jpg');
    actor.send({ type: 'CHOOSE', file: second });
    await waitFor(actor, (s) => s.matches('uploading'));
    previews.get(first)?.('data:image/jpeg;base64,first');
    await settle();
    expect(actor.getSnapshot().context.chosen?.thumb).toBeNull();
    previews.get(second)?.('data:image/jpeg;base64,second');
    await settle();
    expect(actor.getSnapshot().context.chosen).toMatchObject({ file: second, thumb: 'data:image/jpeg;base64,second' });
  });

  it('fails without retry when there is nowhere to send the file', async () => {
    const { actor } = start({ upload: null });
    actor.send({ type: 'CHOOSE', file: jpeg() });
    await waitFor(actor, (s) => !s.matches('checking'));
    expect(actor.getSnapshot().value).toBe('failed');
    expect(actor.getSnapshot().context.failure).toEqual({ reason: 'unexpected', retry: false });
  });
});

describe('failureOf()', () => {
  it('tells apart what retrying can fix', () => {
    expect(failureOf(new DOMException('x', 'AbortError'))).toEqual({ reason: 'cancelled', retry: true });
    expect(failureOf(network())).toEqual({ reason: 'network', retry: true });
    for (const status of [500, 503, 429, 408]) expect(failureOf(new ApiProblem(status, {}, 't')).retry).toBe(true);
    for (const status of [401, 413, 415, 422]) expect(failureOf(new ApiProblem(status, {}, 't')).retry).toBe(false);
    expect(failureOf(new TypeError('bug'))).toEqual({ reason: 'unexpected', retry: true });
  });
});

describe('refusalOf()', () => {
  it('refuses by size first, by content once read', () => {
    expect(refusalOf(jpeg(10), 5)).toMatchObject({ code: 'tooLarge', shrinkable: true });
    expect(refusalOf(jpeg(10), 100, new Uint8Array(JPEG_HEAD))).toBeNull();
    expect(refusalOf(file('a.png', 'image/png', ZIP_HEAD, 10), 100, new Uint8Array(ZIP_HEAD))).toMatchObject({ code: 'badType', shrinkable: false });
  });
  it('holds a file to the types its document kind accepts; a photo is made smaller only where a JPEG is accepted', () => {
    expect(refusalOf(jpeg(10), 100, new Uint8Array(JPEG_HEAD), ['application/pdf'])).toMatchObject({ code: 'badType' });
    expect(refusalOf(jpeg(10), 5, undefined, ['image/png'])).toMatchObject({ code: 'tooLarge', shrinkable: false });
    expect(refusalOf(jpeg(10), 5, undefined, ['image/jpeg', 'image/png'])).toMatchObject({ code: 'tooLarge', shrinkable: true });
  });
});
