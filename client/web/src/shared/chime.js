/**
 * A short two-note chime made with Web Audio (no file to fetch), for the inbox's
 * notifications and the widget's unread badge. Silent where audio is blocked: browsers
 * allow it only after the user interacted with the page.
 */

/** @type {AudioContext | null} */
let audio = null;

export function playChime() {
  try {
    audio = audio || new AudioContext();
    const start = audio.currentTime;
    for (const [offset, pitch] of [
      [0, 880],
      [0.12, 1320],
    ]) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = pitch;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.15, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.25);
      tone.connect(gain).connect(audio.destination);
      tone.start(start + offset);
      tone.stop(start + offset + 0.3);
    }
  } catch {
    // No audio device, or the page has had no user gesture yet.
  }
}
