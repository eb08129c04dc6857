/**
 * The counter's QR scanner: the device camera in a `<video>`, one frame every quarter second drawn
 * on a canvas and decoded with @zxing/browser's QR reader.
 *
 * NOTE: written by hand around `decodeFromCanvas` rather than zxing's `decodeFromVideoDevice`:
 * that helper waits for the video with a promise that never settles when the video starts playing
 * late (its timeout returns without resolving), and its scan loop ends silently at the first error
 * that is not "no code in this frame" (a frame drawn before the video has a size). On a loaded
 * machine either left the officer looking at a camera that never read anything. This loop keeps
 * trying until it reads a code or is stopped, and sizes its canvas to each frame.
 */

export type QrScanner = { stop(): void };

const EVERY_MS = 250;

/**
 * Starts the camera in `video` and calls `onText` once with the first QR code read; the camera is
 * off after that or after `stop()`. Rejects as `getUserMedia` does (NotAllowedError,
 * NotFoundError…) when there is no camera to use.
 */
export async function startQrScanner(video: HTMLVideoElement, onText: (text: string) => void): Promise<QrScanner> {
  const [{ BrowserQRCodeReader }, stream] = await Promise.all([
    import('@zxing/browser'),
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
  ]);
  const reader = new BrowserQRCodeReader();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  video.muted = true;
  video.srcObject = stream;
  const play = () => void video.play().catch(() => undefined); // tried again on the next tick
  play();
  const tick = () => {
    if (stopped) return;
    if (video.paused) play();
    if (context && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) {
      if (canvas.width !== video.videoWidth || canvas.height !== video.videoHeight) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
      }
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      let text: string | null = null;
      try {
        text = reader.decodeFromCanvas(canvas).getText();
      } catch {
        // No readable code in this frame (or a frame not drawn yet): try the next one.
      }
      if (text !== null) {
        stop();
        onText(text);
        return;
      }
    }
    timer = setTimeout(tick, EVERY_MS);
  };
  timer = setTimeout(tick, 0);
  return { stop };
}
