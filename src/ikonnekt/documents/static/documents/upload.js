// Drag-and-drop multi-file upload with a progress bar per file (one request per file, so a
// rejected file never stops the rest of the batch).
(function () {
  "use strict";
  const form = document.getElementById("upload-form");
  if (!form) return;
  const zone = document.getElementById("drop-zone");
  const input = document.getElementById("file-input");
  const list = document.getElementById("upload-list");
  const labels = list.dataset;

  function row(file) {
    const li = document.createElement("li");
    li.className = "list-group-item upload-item";
    const name = document.createElement("div");
    name.className = "d-flex justify-content-between";
    const title = document.createElement("span");
    title.textContent = file.name;
    const status = document.createElement("span");
    status.className = "upload-status small";
    name.append(title, status);
    const bar = document.createElement("div");
    bar.className = "progress mt-1";
    bar.setAttribute("role", "progressbar");
    bar.setAttribute("aria-label", file.name);
    bar.setAttribute("aria-valuemin", "0");
    bar.setAttribute("aria-valuemax", "100");
    bar.setAttribute("aria-valuenow", "0");
    const inner = document.createElement("div");
    inner.className = "progress-bar";
    inner.style.width = "0%";
    bar.append(inner);
    const msg = document.createElement("div");
    msg.className = "small upload-message";
    li.append(name, bar, msg);
    list.append(li);
    return { li, bar, status, inner, msg };
  }

  function announce(text) {
    if (window.iKonnekt && window.iKonnekt.announce) window.iKonnekt.announce(text);
  }

  function link(href, text) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function send(file, ui, linkDuplicate) {
    const data = new FormData(form);
    data.delete("upload");
    data.append("upload", file, file.name);
    if (linkDuplicate) data.set("link_duplicate", "on");
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-CSRFToken", data.get("csrfmiddlewaretoken"));
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        const pct = Math.round((e.loaded * 100) / e.total);
        ui.inner.style.width = pct + "%";
        ui.bar.setAttribute("aria-valuenow", String(pct));
      }
    });
    xhr.addEventListener("load", function () {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (err) { body = { error: labels.errorLabel + " (" + xhr.status + ")" }; }
      ui.inner.style.width = "100%";
      ui.bar.setAttribute("aria-valuenow", "100");
      ui.msg.textContent = "";
      if (body.ok) {
        ui.inner.classList.add("bg-success");
        ui.status.textContent = body.linked ? labels.linkedLabel : labels.doneLabel;
        ui.li.classList.add("upload-ok");
        ui.msg.append(link(body.url, body.title));
        announce(file.name + ": " + ui.status.textContent);
      } else {
        ui.inner.classList.add("bg-danger");
        ui.li.classList.add("upload-error");
        ui.status.textContent = labels.errorLabel;
        ui.msg.textContent = body.error || labels.errorLabel;
        announce(file.name + ": " + ui.msg.textContent);
        if (body.duplicate) {
          ui.msg.append(" ", link(body.url, labels.openLabel));
          if (body.can_link) {
            const btn = document.createElement("button");
            btn.type = "button";
            btn.className = "btn btn-sm btn-outline-primary ms-2";
            btn.textContent = labels.linkLabel;
            btn.addEventListener("click", function () { ui.inner.className = "progress-bar"; send(file, ui, true); });
            ui.msg.append(btn);
          }
        }
      }
    });
    xhr.addEventListener("error", function () {
      ui.inner.classList.add("bg-danger");
      ui.msg.textContent = labels.errorLabel;
      announce(file.name + ": " + labels.errorLabel);
    });
    xhr.send(data);
  }

  function handle(files) {
    Array.from(files).forEach(function (file) { send(file, row(file), false); });
  }

  input.addEventListener("change", function () { handle(input.files); input.value = ""; });
  ["dragenter", "dragover"].forEach(function (ev) {
    zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add("border-primary"); });
  });
  ["dragleave", "drop"].forEach(function (ev) {
    zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.remove("border-primary"); });
  });
  zone.addEventListener("drop", function (e) { handle(e.dataTransfer.files); });
  zone.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); input.click(); } });
})();
