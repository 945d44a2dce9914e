// page-files.js: asks for the page's scripts, its `.wasm` and Monaco's
// module once the shell is on screen.
//
// `cargo xtask build` (xtask/src/files_after_shell.rs) moves them out of
// `<head>`, where the browser's preload scanner asked for them while the
// shell was being laid out and painted, into `<template id="page-files">`
// right before this script. Here they go back into `<head>`, in the same
// order: a script made by a script runs `async` unless told otherwise, so
// each one without `async` (the Monaco environment, the app's start) is
// told to run in order, as `defer` and modules of the page did.
//
// They go back once the shell's first paint is reported: downloading and
// compiling them on two cores delayed that paint (interleaved cold loads:
// a median 72–76 ms when waiting for it, 84 ms when asking as soon as the
// shell is parsed, 88 ms from `<head>`; the decision came no later). A
// document that is hidden, or a browser without paint timing, asks at
// once; one whose paint is never reported asks after 300 ms.

const files = document.getElementById("page-files");

// A live copy of the listed element `listed`: a `<script>` copied from a
// template would never run, so it is made anew with the same attributes.
function live(listed) {
  if (listed.localName !== "script") {
    return document.importNode(listed, true);
  }
  const script = document.createElement("script");
  for (const { name, value } of listed.attributes) {
    script.setAttribute(name, value);
  }
  if (!listed.hasAttribute("async")) {
    script.async = false;
  }
  return script;
}

// Adds the listed files to `<head>`, once.
function askForFiles() {
  if (!files || !files.isConnected) {
    return;
  }
  for (const listed of files.content.children) {
    document.head.append(live(listed));
  }
  files.remove();
}

// The longest wait for the first paint's report.
const PAINT_WAIT_MS = 300;

const paintReported = (globalThis.PerformanceObserver?.supportedEntryTypes ?? []).includes("paint");
if (document.visibilityState !== "visible" || !paintReported) {
  askForFiles();
} else {
  const paints = new PerformanceObserver((list) => {
    if (list.getEntries().some((entry) => entry.name === "first-contentful-paint")) {
      paints.disconnect();
      askForFiles();
    }
  });
  paints.observe({ type: "paint", buffered: true });
  setTimeout(askForFiles, PAINT_WAIT_MS);
}
