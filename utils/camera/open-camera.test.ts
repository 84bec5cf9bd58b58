import { describe, expect, it } from 'vitest';
import { cameraError, openCamera } from './open-camera';

// getUserMedia's own failures, as the browser names them (DOMException names)
const refusing = (name: string) => ({ getUserMedia: () => Promise.reject(Object.assign(new Error(name), { name })) }) as unknown as MediaDevices;

describe('openCamera', () => {
  it('says plainly when there is no camera API at all', async () => {
    await expect(openCamera({ mediaDevices: {} as MediaDevices })).rejects.toMatchObject({ name: 'NotSupportedError', message: expect.stringMatching(/no access to a camera/) });
  });

  it('turns each getUserMedia refusal into a named error a shopper can act on', async () => {
    await expect(openCamera({ mediaDevices: refusing('NotAllowedError') })).rejects.toMatchObject({ name: 'NotAllowedError', message: expect.stringMatching(/not allowed.*Allow the camera/) });
    await expect(openCamera({ mediaDevices: refusing('NotFoundError') })).rejects.toMatchObject({ name: 'NotFoundError', message: expect.stringMatching(/No camera found/) });
    await expect(openCamera({ mediaDevices: refusing('OverconstrainedError') })).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(openCamera({ mediaDevices: refusing('NotReadableError') })).rejects.toMatchObject({ name: 'NotReadableError', message: expect.stringMatching(/busy/) });
    expect(cameraError({ cause: new TypeError('odd') })).toMatchObject({ name: 'OperationError' });
  });

  it('asks for video only, 1280×720 from the rear camera when there is one', async () => {
    let asked: MediaStreamConstraints | undefined;
    const stream = {} as MediaStream;
    const got = await openCamera({ mediaDevices: { getUserMedia: async (c: MediaStreamConstraints) => { asked = c; return stream; } } as unknown as MediaDevices });
    expect(got).toBe(stream);
    expect(asked).toMatchObject({ audio: false, video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: { ideal: 'environment' } } });
  });
});
