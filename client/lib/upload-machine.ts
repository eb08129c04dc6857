/**
 * The life of one document field's upload, as an XState v5 machine (used by
 * components/widgets/DocumentWidget.tsx through @xstate/react's `useMachine`):
 *
 *   idle ─CHOOSE─▶ checking ─(an accepted type by its first bytes)─▶ uploading ─UPLOADED─▶ uploaded
 *                     │                                           │  ▲  PROGRESS
 *                     └─(not a document)─▶ refused                │  └─RETRY─┐
 *   (empty or over the limit: refused at once, nothing read)      └─UPLOAD_FAILED / CANCEL─▶ failed
 *   refused ─SHRINK (a photo over the limit)─▶ shrinking ─▶ checking (the smaller photo) | refused
 *
 * - CHOOSE is taken in every state: a new file replaces an uploaded document, a failed or refused
 *   one, or an upload in flight (which is aborted).
 * - A file that is empty, over the limit, or not of an accepted type (the document kind's: JPEG,
 *   PNG, PDF) by content is never sent.
 * - The upload is a callback actor: it reports progress (PROGRESS) and its outcome, and aborts the
 *   request when it is stopped: on CANCEL, on a new CHOOSE, and when the machine stops (the field
 *   unmounts).
 * - `failed` keeps the chosen file: RETRY sends it again when that can help (no network, 5xx, 429,
 *   408, cancelled), not after a refusal that would only repeat (413, 415, 422, 401, …).
 * - A photo's preview is made beside the upload (a spawned actor) and added when ready.
 * - On success the machine emits `uploaded` (`actor.on('uploaded', …)`): the widget stores the id.
 *
 * Pure: the side effects (sending, shrinking, thumbnails) are functions passed in as `deps`, so
 * tests drive the machine with fakes.
 */
import { assign, emit, fromCallback, fromPromise, setup, spawnChild, stopChild, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import { ApiProblem } from './api.ts';
import { announcedPercent, checkFile, declaredMime, DOCUMENT_TYPES, isImageMime, percentOf, SNIFF_BYTES, type DocumentMime } from './file-checks.ts';
import type { UploadedDocument } from './upload.ts';

/** Sends a file; rejects with an ApiProblem (status 0: the network) or an AbortError once `signal` aborts. */
export type UploadFn = (file: File, options: { signal: AbortSignal; onProgress: (loaded: number, total: number) => void }) => Promise<UploadedDocument>;

export type UploadDeps = {
  /** Where the file goes; null when there is nowhere to send it (a form outside an application). */
  upload: UploadFn | null;
  /** A JPEG of the photo within `maxBytes`, or null when the device cannot make one. */
  shrink: (file: File, maxBytes: number) => Promise<File | null>;
  /** A small preview of an image (data URL), or null. */
  thumbnail: (file: File) => Promise<string | null>;
};

/** `types`: the content types the field accepts (default: JPEG, PNG and PDF). */
export type UploadInput = { maxBytes: number; types?: readonly string[]; deps: UploadDeps };

/** The file being sent (or sent), its type by content and, for a photo, a preview once made. */
export type Chosen = { file: File; mime: DocumentMime; thumb: string | null };

/** Why a file was not sent. `shrinkable`: a photo over the limit, which can be made smaller here. */
export type Refusal = { code: 'empty' | 'tooLarge' | 'badType' | 'shrinkFailed'; file: File; shrinkable: boolean };

/** Why an upload did not finish, and whether sending the same file again can help. */
export type UploadFailure =
  | { reason: 'cancelled'; retry: true }
  | { reason: 'network'; retry: true }
  | { reason: 'problem'; problem: ApiProblem; retry: boolean }
  | { reason: 'unexpected'; retry: boolean };

export type UploadContext = {
  maxBytes: number;
  types: readonly string[];
  deps: UploadDeps;
  /** The file being checked (or shrunk) before it becomes `chosen`. */
  candidate: File | null;
  chosen: Chosen | null;
  refusal: Refusal | null;
  failure: UploadFailure | null;
  loaded: number;
  total: number;
  /** The last progress quarter announced to screen readers (25, 50, 75; 0 = none yet). */
  spoken: number;
  /** The last document stored by this field. */
  uploaded: UploadedDocument | null;
};

export type UploadEvent =
  | { type: 'CHOOSE'; file: File }
  | { type: 'SHRINK' }
  | { type: 'RETRY' }
  | { type: 'CANCEL' }
  | { type: 'PROGRESS'; loaded: number; total: number }
  | { type: 'UPLOADED'; doc: UploadedDocument }
  | { type: 'UPLOAD_FAILED'; error: unknown }
  | { type: 'THUMBNAIL'; file: File; thumb: string };

export type UploadEmitted = { type: 'uploaded'; doc: UploadedDocument; file: File };

/** What went wrong with an upload, from what the upload rejected with. Pure. */
export function failureOf(error: unknown): UploadFailure {
  if (error instanceof DOMException && error.name === 'AbortError') return { reason: 'cancelled', retry: true };
  if (error instanceof ApiProblem) {
    if (error.isNetwork) return { reason: 'network', retry: true };
    const retry = error.status >= 500 || error.status === 429 || error.status === 408;
    return { reason: 'problem', problem: error, retry };
  }
  return { reason: 'unexpected', retry: true };
}

/** Why `file` may not be sent (`head`: its first bytes, once read; `types`: the accepted ones), or null when it may. Pure. */
export function refusalOf(file: File, maxBytes: number, head?: Uint8Array, types: readonly string[] = DOCUMENT_TYPES): Refusal | null {
  const check = checkFile(file, head, maxBytes, types);
  if (check.ok) return null;
  // A photo over the limit can be made smaller here, as a JPEG (a PDF cannot).
  return { code: check.code, file, shrinkable: check.code === 'tooLarge' && isImageMime(declaredMime(file)) && types.includes('image/jpeg') };
}

/** Reads a file's first bytes (an unreadable file reads as nothing, so it is refused as not a document). */
const readHead = fromPromise<Uint8Array, File>(async ({ input }) => {
  try {
    return new Uint8Array(await input.slice(0, SNIFF_BYTES).arrayBuffer());
  } catch {
    return new Uint8Array();
  }
});

/** Sends the file, reporting progress; stopping the actor aborts the request. */
export const uploadLogic = fromCallback<UploadEvent, { upload: UploadFn; file: File }>(({ input, sendBack }) => {
  const controller = new AbortController();
  const live = () => !controller.signal.aborted;
  input
    .upload(input.file, {
      signal: controller.signal,
      onProgress: (loaded, total) => live() && sendBack({ type: 'PROGRESS', loaded, total }),
    })
    .then(
      (doc) => live() && sendBack({ type: 'UPLOADED', doc }),
      (error: unknown) => live() && sendBack({ type: 'UPLOAD_FAILED', error }),
    );
  return () => controller.abort();
});

/** Makes a preview of a photo while it uploads (the upload matters more, so it does not wait). */
const thumbnailLogic = fromCallback<UploadEvent, { file: File; thumbnail: UploadDeps['thumbnail'] }>(({ input, sendBack }) => {
  let live = true;
  input.thumbnail(input.file).then(
    (thumb) => live && thumb && sendBack({ type: 'THUMBNAIL', file: input.file, thumb }),
    () => undefined,
  );
  return () => {
    live = false;
  };
});

const shrink = fromPromise<File | null, { file: File; maxBytes: number; shrink: UploadDeps['shrink'] }>(({ input }) => input.shrink(input.file, input.maxBytes));

const NOT_SENDABLE: UploadFailure = { reason: 'unexpected', retry: false };

export const uploadMachine = setup({
  types: {
    context: {} as UploadContext,
    events: {} as UploadEvent,
    input: {} as UploadInput,
    emitted: {} as UploadEmitted,
  },
  actors: { readHead, upload: uploadLogic, thumbnail: thumbnailLogic, shrink },
  guards: {
    /** Empty or over the limit: refused without reading it (the type waits for the content). */
    refusedUnread: ({ context, event }) => {
      if (event.type !== 'CHOOSE') return false;
      const refusal = refusalOf(event.file, context.maxBytes, undefined, context.types);
      return refusal !== null && refusal.code !== 'badType';
    },
    shrinkable: ({ context }) => context.refusal?.shrinkable === true,
    retryable: ({ context }) => context.chosen !== null && context.failure?.retry === true,
    thumbForChosen: ({ context, event }) => event.type === 'THUMBNAIL' && context.chosen?.file === event.file,
  },
}).createMachine({
  id: 'upload',
  initial: 'idle',
  context: ({ input }) => ({
    maxBytes: input.maxBytes,
    types: input.types ?? DOCUMENT_TYPES,
    deps: input.deps,
    candidate: null,
    chosen: null,
    refusal: null,
    failure: null,
    loaded: 0,
    total: 0,
    spoken: 0,
    uploaded: null,
  }),
  on: {
    // From any state: a new file replaces whatever was going on (an upload in flight is aborted).
    CHOOSE: [
      {
        guard: 'refusedUnread',
        target: '.refused',
        actions: assign({ refusal: ({ context, event }) => refusalOf(event.file, context.maxBytes, undefined, context.types), candidate: null }),
      },
      { target: '.checking', actions: assign({ candidate: ({ event }) => event.file, refusal: null }) },
    ],
    THUMBNAIL: {
      guard: 'thumbForChosen',
      actions: assign({ chosen: ({ context, event }) => (context.chosen && event.type === 'THUMBNAIL' ? { ...context.chosen, thumb: event.thumb } : context.chosen) }),
    },
  },
  states: {
    idle: {},
    /** Reading the file's first bytes to tell its type by content. */
    checking: {
      invoke: {
        src: 'readHead',
        input: ({ context }) => context.candidate as File,
        onDone: [
          {
            guard: ({ context, event }) => refusalOf(context.candidate as File, context.maxBytes, event.output, context.types) !== null,
            target: 'refused',
            actions: assign({ refusal: ({ context, event }) => refusalOf(context.candidate as File, context.maxBytes, event.output, context.types), candidate: null }),
          },
          {
            guard: ({ context }) => context.deps.upload === null,
            target: 'failed',
            actions: assign({
              chosen: ({ context, event }) => chosenFrom(context.candidate as File, event.output),
              candidate: null,
              failure: NOT_SENDABLE,
            }),
          },
          {
            target: 'uploading',
            actions: [
              assign({ chosen: ({ context, event }) => chosenFrom(context.candidate as File, event.output), candidate: null }),
              stopChild('thumbnail'),
              spawnChild('thumbnail', {
                id: 'thumbnail',
                input: ({ context }) => ({ file: (context.chosen as Chosen).file, thumbnail: context.deps.thumbnail }),
              }),
            ],
          },
        ],
      },
    },
    /** The file was not sent; the field says why (and offers to shrink a photo). */
    refused: {
      on: {
        SHRINK: { guard: 'shrinkable', target: 'shrinking' },
      },
    },
    /** Making a photo over the limit smaller; the smaller one is checked like any other file. */
    shrinking: {
      invoke: {
        src: 'shrink',
        input: ({ context }) => ({ file: (context.refusal as Refusal).file, maxBytes: context.maxBytes, shrink: context.deps.shrink }),
        onDone: [
          { guard: ({ event }) => event.output !== null, target: 'checking', actions: assign({ candidate: ({ event }) => event.output, refusal: null }) },
          { target: 'refused', actions: assign({ refusal: ({ context }) => shrinkFailed(context.refusal as Refusal) }) },
        ],
        onError: { target: 'refused', actions: assign({ refusal: ({ context }) => shrinkFailed(context.refusal as Refusal) }) },
      },
    },
    uploading: {
      entry: assign({ loaded: 0, total: ({ context }) => context.chosen?.file.size ?? 0, spoken: 0, failure: null, refusal: null }),
      invoke: {
        src: 'upload',
        input: ({ context }) => ({ upload: context.deps.upload as UploadFn, file: (context.chosen as Chosen).file }),
      },
      on: {
        PROGRESS: {
          actions: assign(({ context, event }) => {
            const quarter = announcedPercent(percentOf(event.loaded, event.total));
            return { loaded: event.loaded, total: event.total, spoken: quarter > context.spoken && quarter < 100 ? quarter : context.spoken };
          }),
        },
        UPLOADED: {
          target: 'uploaded',
          actions: [
            assign({ uploaded: ({ event }) => event.doc }),
            emit(({ context, event }) => ({ type: 'uploaded' as const, doc: event.doc, file: (context.chosen as Chosen).file })),
          ],
        },
        UPLOAD_FAILED: { target: 'failed', actions: assign({ failure: ({ event }) => failureOf(event.error) }) },
        // Leaving the state stops the upload actor, which aborts the request.
        CANCEL: { target: 'failed', actions: assign({ failure: { reason: 'cancelled', retry: true } }) },
      },
    },
    /** The chosen file is kept: send it again, or choose another (CHOOSE, above). */
    failed: {
      on: {
        RETRY: { guard: 'retryable', target: 'uploading' },
      },
    },
    /** Stored; CHOOSE (above) replaces it. */
    uploaded: {},
  },
});

function chosenFrom(file: File, head: Uint8Array): Chosen {
  const check = checkFile(file, head, Number.POSITIVE_INFINITY);
  return { file, mime: check.ok ? check.mime : 'application/pdf', thumb: null };
}

const shrinkFailed = (refusal: Refusal): Refusal => ({ code: 'shrinkFailed', file: refusal.file, shrinkable: false });

export type UploadActor = ActorRefFrom<typeof uploadMachine>;
export type UploadSnapshot = SnapshotFrom<typeof uploadMachine>;
