// page-files.js: asks for the page's scripts, its `.wasm` and Monaco's
// module once the shell is parsed.
//
// `cargo xtask build` (xtask/src/files_after_shell.rs) moves them out of
// `<head>`, where the browser's preload scanner asked for them while the
// shell was being laid out and painted, into `<template id="page-files">`
// right before this script. Here they go back into `<head>`, in the same
// order: a script made by a script runs `async` unless told otherwise, so
// each one without `async` (the Monaco environment, the app's start) is
// told to run in order, as `defer` and modules of the page did.

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

if (files) {
  for (const listed of files.content.children) {
    document.head.append(live(listed));
  }
  files.remove();
}
