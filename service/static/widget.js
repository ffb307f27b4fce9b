/*
 * 财问 (caiwen) — embeddable chat widget for government budget disclosures.
 *
 * Embed:
 *   <script src="https://HOST/widget.js" data-department="…" data-year="2018"
 *           data-kind="决算" data-title="财政公开问答"></script>
 *
 * Everything lives in an open Shadow DOM under <div id="caiwen-widget">, so page CSS
 * cannot reach in and ours cannot leak out. The only global is window.caiwenWidget.
 * Model and document text is only ever inserted as text nodes (never innerHTML).
 */
(() => {
  "use strict";

  // document.currentScript is only set while this file first runs.
  const script = document.currentScript;
  if (!script || window.caiwenWidget) return;

  const API_BASE = new URL(script.src, location.href).origin;
  const MAX_LENGTH = 500;
  const IDLE_TIMEOUT_MS = 60000; // abort a request whose stream stays silent this long
  const FALLBACK_QUESTIONS = ["三公经费比上年变化多少", "招待费花了多少", "基本支出占比多少"];
  const SVG_NS = "http://www.w3.org/2000/svg";
  const MSG_SERVER_DOWN = "服务暂时不可用，请稍后再试";

  const CSS = `
:host { all: initial !important; display: block !important; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.root {
  font: 14px/1.6 system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  color: #1f2933;
  --primary: #1a56a6;
  --primary-dark: #143f7a;
}
button, textarea { font: inherit; color: inherit; margin: 0; }
button { cursor: pointer; }
:focus-visible { outline: 2px solid #f0a000; outline-offset: 2px; }
.sr-only {
  position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; padding: 0; margin: -1px;
}

.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  width: 56px; height: 56px; border-radius: 50%; border: none;
  background: var(--primary); color: #fff; font-size: 22px; font-weight: 700;
  box-shadow: 0 4px 14px rgba(0, 0, 0, .25);
  display: flex; align-items: center; justify-content: center;
}
.launcher:hover { background: var(--primary-dark); }

.panel {
  position: fixed; right: 20px; bottom: 88px; z-index: 2147483001;
  width: min(380px, calc(100vw - 40px)); height: min(560px, calc(100vh - 108px));
  display: flex; flex-direction: column; overflow: hidden;
  background: #fff; border-radius: 12px; box-shadow: 0 10px 36px rgba(0, 0, 0, .28);
}
.header {
  display: flex; align-items: flex-start; gap: 8px; padding: 10px 8px 10px 14px;
  background: var(--primary); color: #fff;
}
.heading { flex: 1; min-width: 0; }
.title { margin: 0; font-size: 16px; font-weight: 600; line-height: 1.4; }
.scope { margin: 2px 0 0; font-size: 12px; opacity: .85; overflow-wrap: anywhere; }
.close {
  flex: none; width: 32px; height: 32px; border: none; border-radius: 6px;
  background: transparent; color: #fff; font-size: 22px; line-height: 1;
}
.close:hover { background: rgba(255, 255, 255, .15); }

.messages {
  flex: 1; min-height: 0; overflow-y: auto; padding: 12px;
  display: flex; flex-direction: column; gap: 10px; background: #f5f7fa;
}
.welcome { margin: 0; color: #52606d; }
.suggestions { display: flex; flex-direction: column; align-items: flex-start; gap: 6px; }
.suggestion {
  text-align: left; padding: 6px 10px; border-radius: 8px;
  border: 1px solid #c9d6e8; background: #fff; color: var(--primary);
}
.suggestion:hover { background: #eef4fb; }

.msg { max-width: 88%; padding: 8px 12px; border-radius: 10px; overflow-wrap: anywhere; }
.msg.user { align-self: flex-end; background: var(--primary); color: #fff; white-space: pre-wrap; }
.msg.bot { align-self: flex-start; background: #fff; border: 1px solid #dde3ea; }
.msg.bot.has-chart { align-self: stretch; max-width: 100%; }
.msg.bot.refused { border: 1px solid #d99a00; border-left-width: 4px; background: #fffaf0; color: #5f4b1e; }
.msg.bot.error-rate { border: 1px solid #e07b00; background: #fff4e5; color: #7a4100; }
.msg.bot.error-server { border: 1px solid #c62828; background: #fdecea; color: #8e1c1c; }
.msg.bot.error-invalid { border: 1px dashed #7b8794; background: #f0f2f5; color: #3e4c59; }
.text { white-space: pre-wrap; }
.error-text { margin: 0; }
.retry {
  margin-top: 6px; padding: 2px 12px; border-radius: 6px;
  border: 1px solid currentColor; background: #fff;
}
sup { line-height: 0; }
.ref {
  border: none; background: none; padding: 0 1px; font-size: 11px;
  color: var(--primary); text-decoration: underline;
}
.citations { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.chip {
  max-width: 100%; padding: 2px 10px; border-radius: 12px; text-align: left;
  border: 1px solid #c9d6e8; background: #eef4fb; color: #1a4a8a;
  font-size: 12px; line-height: 1.5; white-space: normal;
}
.chip:hover { background: #dde9f7; }
.warnings { margin: 8px 0 0; padding: 0; list-style: none; font-size: 12px; color: #8a5a00; }
.warnings li::before { content: "提示："; font-weight: 600; }
.chart-caption { margin: 8px 0 2px; font-size: 12px; color: #52606d; }
svg.chart { display: block; width: 100%; height: auto; }
svg.chart text { font-size: 11px; fill: #334155; }
svg.chart rect.bar { fill: var(--primary); }
svg.chart line { stroke: #9aa5b1; }

.typing { display: inline-flex; gap: 4px; padding: 4px 0; }
.typing span {
  width: 6px; height: 6px; border-radius: 50%; background: #9aa5b1;
  animation: caiwen-blink 1.2s infinite ease-in-out;
}
.typing span:nth-child(2) { animation-delay: .2s; }
.typing span:nth-child(3) { animation-delay: .4s; }
@keyframes caiwen-blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }

.status {
  padding: 4px 12px; font-size: 12px; color: #52606d;
  background: #f5f7fa; border-top: 1px solid #e4e7eb;
}
.status::before {
  content: ""; display: inline-block; width: 8px; height: 8px; margin-right: 6px;
  border-radius: 50%; background: #f0a000; animation: caiwen-blink 1s infinite;
}
.composer { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e4e7eb; background: #fff; }
.input {
  flex: 1; min-width: 0; min-height: 40px; max-height: 120px; resize: none;
  padding: 8px 10px; border: 1px solid #c5cfdb; border-radius: 8px; background: #fff;
  line-height: 1.5;
}
.input:focus { border-color: var(--primary); outline: none; box-shadow: 0 0 0 2px rgba(26, 86, 166, .2); }
.send {
  flex: none; padding: 0 16px; border: none; border-radius: 8px;
  background: var(--primary); color: #fff;
}
.send:disabled { opacity: .5; cursor: not-allowed; }

.viewer {
  position: fixed; inset: 0; z-index: 2147483002; padding: 16px;
  display: flex; align-items: center; justify-content: center;
  background: rgba(15, 23, 42, .55);
}
.viewer-box {
  width: min(860px, 100%); max-height: 100%; display: flex; flex-direction: column;
  overflow: hidden; background: #fff; border-radius: 10px; box-shadow: 0 10px 40px rgba(0, 0, 0, .35);
}
.viewer-header { display: flex; align-items: flex-start; gap: 8px; padding: 10px 10px 6px 16px; border-bottom: 1px solid #e4e7eb; }
.viewer-title { flex: 1; min-width: 0; margin: 0; font-size: 15px; font-weight: 600; overflow-wrap: anywhere; }
.viewer-close {
  flex: none; width: 32px; height: 32px; border: none; border-radius: 6px;
  background: #f0f2f5; font-size: 20px; line-height: 1;
}
.viewer-meta { margin: 0; padding: 6px 16px 0; font-size: 12px; color: #52606d; overflow-wrap: anywhere; }
.viewer-quote {
  margin: 8px 16px 0; padding: 6px 10px; border-left: 3px solid #f0a000;
  background: #fff8e1; font-size: 13px; white-space: pre-wrap; overflow-wrap: anywhere;
}
.viewer-body { flex: 1; min-height: 120px; overflow: auto; padding: 12px 16px 16px; }
.viewer-body img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.viewer-body img.pending { display: none; }
.viewer-body p { margin: 0 0 8px; white-space: pre-wrap; overflow-wrap: anywhere; }
.viewer-section { margin: 0 0 8px; font-size: 14px; font-weight: 600; }
.viewer-note { color: #52606d; }
mark { background: #ffe58a; color: inherit; padding: 0 1px; }

@media (max-width: 480px) {
  .panel { top: 0; right: 0; bottom: 0; left: 0; width: auto; height: auto; border-radius: 0; }
  .viewer { padding: 0; }
  .viewer-box { height: 100%; border-radius: 0; }
}
@media (prefers-reduced-motion: reduce) {
  .typing span, .status::before { animation: none; }
}
`;

  /* ------------------------------------------------------------------ */
  /* Configuration                                                       */
  /* ------------------------------------------------------------------ */

  function readConfig(data) {
    const scope = {};
    const department = (data.department || "").trim();
    const year = Number.parseInt(data.year, 10);
    if (department) scope.department = department;
    if (Number.isInteger(year)) scope.year = year;
    if (data.kind === "预算" || data.kind === "决算") scope.kind = data.kind;
    return { scope, title: (data.title || "").trim() || "财政公开问答" };
  }

  const config = readConfig(script.dataset);
  const state = { sessionId: null, busy: false, suggestionsRequested: false, viewerToken: 0, viewerOpener: null };

  /* ------------------------------------------------------------------ */
  /* DOM helpers (text always goes in as text nodes)                     */
  /* ------------------------------------------------------------------ */

  /** Create an element. attrs: className, text, or plain attributes (null/false skipped). */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "className") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    node.append(...children.filter((child) => child !== null && child !== undefined));
    return node;
  }

  function svgEl(tag, attrs = {}, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function apiUrl(path) {
    return new URL(path, API_BASE).href;
  }

  function yearKind(item) {
    if (!item.year) return item.kind || "";
    return `${item.year}年${item.kind || ""}`;
  }

  function formatAmount(value, unit) {
    return value.toLocaleString("zh-CN", { maximumFractionDigits: 2 }) + (unit || "");
  }

  /** Last component of a section path such as "一、收支总体情况 > （二）支出". */
  function lastSectionPart(section) {
    const parts = String(section).split(/\s*[>›»/|｜／]\s*/).filter(Boolean);
    return parts.length ? parts[parts.length - 1] : "";
  }

  // Region prefixes, most aggressive first: province + city + district, then province + city.
  const REGION_PREFIXES = [
    /^(?:[^省市区县]{2,7}(?:省|自治区))?(?:[^市]{1,6}?市)?(?:[^区县市]{1,6}?(?:区|县))?/,
    /^(?:[^省市区县]{2,7}(?:省|自治区))?(?:[^市]{1,6}?市)?/,
  ];

  /**
   * Short labels for department names ("上海市普陀区财政局" → "财政局"), keeping them
   * distinct: when the aggressive strip makes two names collide, a milder one is used.
   */
  function shortDepartmentLabels(names) {
    for (const prefix of REGION_PREFIXES) {
      const labels = names.map((name) => {
        const short = name.replace(prefix, "");
        // "中共株洲市委…" would become "委…": keep the whole name instead.
        return short.length < 2 || short.startsWith("委") ? name : short;
      });
      if (new Set(labels).size === new Set(names).size) return labels;
    }
    return names.slice();
  }

  function truncate(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  }

  /* ------------------------------------------------------------------ */
  /* Building the UI                                                     */
  /* ------------------------------------------------------------------ */

  function buildUi() {
    const host = el("div", { id: "caiwen-widget" });
    const root = host.attachShadow({ mode: "open" });
    const style = el("style", { text: CSS });

    const launcher = el("button", {
      type: "button", className: "launcher", "aria-label": "打开财政公开问答",
      "aria-expanded": "false", "aria-controls": "caiwen-panel", text: "问",
    });

    const scopeText = [config.scope.department, yearKind(config.scope)].filter(Boolean).join(" · ");
    const close = el("button", { type: "button", className: "close", "aria-label": "关闭", text: "×" });
    const header = el("header", { className: "header" },
      el("div", { className: "heading" },
        el("h2", { className: "title", id: "caiwen-title", text: config.title }),
        scopeText ? el("p", { className: "scope", text: scopeText }) : null),
      close);

    const messages = el("div", { className: "messages", tabindex: "0", "aria-label": "对话记录" });
    const status = el("div", { className: "status", hidden: true });
    const input = el("textarea", {
      className: "input", rows: "2", maxlength: MAX_LENGTH, "aria-label": "输入问题",
      placeholder: "请输入您的问题，例如：三公经费比上年变化多少",
    });
    const send = el("button", { type: "submit", className: "send", text: "发送" });
    const form = el("form", { className: "composer", novalidate: true }, input, send);
    const live = el("div", { className: "sr-only", "aria-live": "polite", "aria-atomic": "true" });
    const panel = el("section", {
      className: "panel", id: "caiwen-panel", role: "dialog", "aria-labelledby": "caiwen-title", hidden: true,
    }, header, messages, status, form, live);

    const viewerTitle = el("h3", { className: "viewer-title", id: "caiwen-viewer-title" });
    const viewerClose = el("button", { type: "button", className: "viewer-close", "aria-label": "关闭原文", text: "×" });
    const viewerMeta = el("p", { className: "viewer-meta" });
    const viewerQuote = el("blockquote", { className: "viewer-quote", hidden: true });
    const viewerBody = el("div", { className: "viewer-body", tabindex: "0", "aria-label": "原文内容" });
    const viewerBox = el("div", { className: "viewer-box" },
      el("div", { className: "viewer-header" }, viewerTitle, viewerClose),
      viewerMeta, viewerQuote, viewerBody);
    const viewer = el("div", {
      className: "viewer", role: "dialog", "aria-modal": "true", "aria-labelledby": "caiwen-viewer-title", hidden: true,
    }, viewerBox);

    root.append(style, el("div", { className: "root" }, launcher, panel, viewer));
    return {
      host, root, launcher, panel, close, messages, status, form, input, send, live,
      viewer, viewerBox, viewerTitle, viewerClose, viewerMeta, viewerQuote, viewerBody,
    };
  }

  const ui = buildUi();

  /* ------------------------------------------------------------------ */
  /* Panel, suggestions, status                                          */
  /* ------------------------------------------------------------------ */

  function openPanel() {
    if (ui.panel.hidden) {
      ui.panel.hidden = false;
      ui.launcher.setAttribute("aria-expanded", "true");
      loadSuggestionsOnce();
    }
    ui.input.focus();
  }

  function closePanel() {
    if (ui.panel.hidden) return;
    closeViewer(false);
    ui.panel.hidden = true;
    ui.launcher.setAttribute("aria-expanded", "false");
    ui.launcher.focus();
  }

  async function fetchSuggestions() {
    const url = new URL("/api/suggestions", API_BASE);
    for (const [key, value] of Object.entries(config.scope)) url.searchParams.set(key, String(value));
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) return FALLBACK_QUESTIONS;
      const data = await response.json();
      const questions = Array.isArray(data?.questions)
        ? data.questions.filter((q) => typeof q === "string" && q.trim())
        : [];
      return questions.length ? questions : FALLBACK_QUESTIONS;
    } catch {
      return FALLBACK_QUESTIONS;
    }
  }

  /** The empty-panel state: a greeting and suggested questions (removed on the first question). */
  async function loadSuggestionsOnce() {
    if (state.suggestionsRequested) return;
    state.suggestionsRequested = true;
    const list = el("div", { className: "suggestions", role: "group", "aria-label": "推荐问题" });
    const empty = el("div", { className: "empty" },
      el("p", { className: "welcome", text: "您好！我可以回答本部门预决算公开文件中的问题，并给出原文出处。您可以这样问：" }),
      list);
    ui.messages.append(empty);
    const questions = await fetchSuggestions();
    if (!empty.isConnected) return; // the user already asked something
    for (const question of questions) {
      const button = el("button", { type: "button", className: "suggestion", text: question });
      button.addEventListener("click", () => ask(question));
      list.append(button);
    }
  }

  function showStatus(text) {
    ui.status.textContent = text;
    ui.status.hidden = false;
  }

  function hideStatus() {
    ui.status.hidden = true;
    ui.status.textContent = "";
  }

  function setBusy(busy) {
    state.busy = busy;
    ui.send.disabled = busy;
    ui.messages.setAttribute("aria-busy", String(busy));
  }

  function announce(text) {
    ui.live.textContent = text;
  }

  function scrollToBottom() {
    ui.messages.scrollTop = ui.messages.scrollHeight;
  }

  /* ------------------------------------------------------------------ */
  /* Asking                                                              */
  /* ------------------------------------------------------------------ */

  /** Ask a question. Resolves to false when ignored (empty, or another question in flight). */
  function ask(text) {
    const question = String(text ?? "").trim();
    if (!question || state.busy) return Promise.resolve(false);
    openPanel();
    ui.messages.querySelector(".empty")?.remove();
    ui.messages.append(el("div", { className: "msg user", text: question }));
    const bubble = el("div", { className: "msg bot" });
    ui.messages.append(bubble);
    return runQuestion(question, bubble).then(() => true);
  }

  /** Empty a bot bubble and drop every state class, leaving the typing indicator. */
  function resetBubble(bubble) {
    bubble.className = "msg bot pending";
    bubble.replaceChildren(el("span", { className: "typing", role: "img", "aria-label": "正在回答" },
      el("span"), el("span"), el("span")));
  }

  async function runQuestion(question, bubble) {
    setBusy(true);
    resetBubble(bubble);
    showStatus("正在查询…");
    scrollToBottom();
    try {
      await streamAnswer(question, bubble);
    } finally {
      setBusy(false);
      hideStatus();
    }
  }

  async function streamAnswer(question, bubble) {
    const controller = new AbortController();
    let timer = 0;
    const keepAlive = () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(), IDLE_TIMEOUT_MS);
    };
    keepAlive();
    try {
      let response;
      try {
        response = await fetch(apiUrl("/api/chat/stream"), {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
          body: JSON.stringify({ message: question, session_id: state.sessionId, scope: config.scope }),
          signal: controller.signal,
        });
      } catch {
        renderError(bubble, "error-server", MSG_SERVER_DOWN, question);
        return;
      }
      if (!response.ok || !response.body) {
        await renderHttpError(bubble, response, question);
        return;
      }
      const finished = await readEvents(response, (event) => handleEvent(event, bubble, question), keepAlive);
      if (!finished) renderError(bubble, "error-server", MSG_SERVER_DOWN, question);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Apply one server event; returns true for the final one (answer or error). */
  function handleEvent({ type, data }, bubble, question) {
    switch (type) {
      case "progress":
        showStatus(typeof data?.label === "string" && data.label ? data.label : "正在查询…");
        return false;
      case "delta":
        appendDelta(bubble, data?.text);
        return false;
      case "answer":
        renderAnswer(bubble, data);
        return true;
      case "error":
        renderStreamError(bubble, data, question);
        return true;
      default:
        return false;
    }
  }

  function appendDelta(bubble, text) {
    if (typeof text !== "string" || !text) return;
    let body = bubble.querySelector(".text");
    if (!body) {
      body = el("div", { className: "text" });
      bubble.replaceChildren(body); // drops the typing indicator
      bubble.classList.replace("pending", "streaming");
    }
    const nearBottom = ui.messages.scrollHeight - ui.messages.scrollTop - ui.messages.clientHeight < 40;
    body.append(text);
    hideStatus();
    if (nearBottom) scrollToBottom();
  }

  /* ------------------------------------------------------------------ */
  /* Server-Sent Events over fetch()                                     */
  /* ------------------------------------------------------------------ */

  /** Parse one SSE block ("event: x\ndata: {...}") into {type, data}; null when unusable. */
  function parseSseBlock(block) {
    let type = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (!line || line.startsWith(":")) continue; // blank or comment
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "event") type = value;
      else if (field === "data") data.push(value);
    }
    if (!data.length) return null;
    try {
      return { type, data: JSON.parse(data.join("\n")) };
    } catch {
      return null;
    }
  }

  /** Incremental SSE parser: feed decoded text, get back complete events. */
  function createSseParser() {
    let buffer = "";
    const drain = (final) => {
      const events = [];
      let end;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        events.push(parseSseBlock(buffer.slice(0, end)));
        buffer = buffer.slice(end + 2);
      }
      if (final && buffer.trim()) events.push(parseSseBlock(buffer));
      if (final) buffer = "";
      return events.filter(Boolean);
    };
    return {
      push(text) {
        buffer += text;
        // A trailing "\r" may be the first half of "\r\n": normalise it with the next chunk.
        const held = buffer.endsWith("\r") ? "\r" : "";
        buffer = buffer.slice(0, buffer.length - held.length).replace(/\r\n?/g, "\n");
        const events = drain(false);
        buffer += held;
        return events;
      },
      finish(text) {
        buffer = (buffer + text).replace(/\r\n?/g, "\n");
        return drain(true);
      },
    };
  }

  /**
   * Read the response stream, calling onEvent for each event. Resolves true once onEvent
   * reports a final event, false if the stream ends or breaks before one.
   */
  async function readEvents(response, onEvent, onChunk) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const parser = createSseParser();
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch {
        return false; // network drop or idle-timeout abort
      }
      onChunk();
      const events = chunk.done
        ? parser.finish(decoder.decode())
        : parser.push(decoder.decode(chunk.value, { stream: true }));
      for (const event of events) {
        if (onEvent(event)) {
          reader.cancel().catch(() => {});
          return true;
        }
      }
      if (chunk.done) return false;
    }
  }

  /* ------------------------------------------------------------------ */
  /* Errors                                                              */
  /* ------------------------------------------------------------------ */

  /** Show an error state; server errors get a retry button that re-asks in the same bubble. */
  function renderError(bubble, errorClass, message, question) {
    bubble.className = `msg bot error ${errorClass}`;
    bubble.replaceChildren(el("p", { className: "error-text", text: message }));
    if (errorClass === "error-server") {
      const retry = el("button", { type: "button", className: "retry", text: "重试" });
      retry.addEventListener("click", () => {
        if (!state.busy) runQuestion(question, bubble);
      });
      bubble.append(retry);
    }
    announce(message);
    scrollToBottom();
  }

  function errorClassFor(status) {
    if (status === 429) return "error-rate";
    if (status === 400 || status === 413 || status === 422) return "error-invalid";
    return "error-server";
  }

  /** Seconds from a Retry-After header (delta-seconds or HTTP date); null when absent. */
  function retryAfterSeconds(header) {
    if (!header) return null;
    if (/^\s*\d+\s*$/.test(header)) return Number.parseInt(header, 10);
    const date = Date.parse(header);
    return Number.isNaN(date) ? null : Math.max(1, Math.ceil((date - Date.now()) / 1000));
  }

  async function readDetail(response) {
    try {
      const body = await response.json();
      return typeof body?.detail === "string" ? body.detail : "";
    } catch {
      return "";
    }
  }

  async function renderHttpError(bubble, response, question) {
    const errorClass = errorClassFor(response.status);
    const detail = await readDetail(response);
    let message = MSG_SERVER_DOWN;
    if (errorClass === "error-rate") {
      const seconds = retryAfterSeconds(response.headers.get("Retry-After"));
      message = seconds !== null ? `提问太频繁，请${seconds}秒后再试` : detail || "提问太频繁，请稍后再试";
    } else if (errorClass === "error-invalid") {
      message = detail || `问题不能为空，且不能超过${MAX_LENGTH}字`;
    }
    renderError(bubble, errorClass, message, question);
  }

  function renderStreamError(bubble, data, question) {
    const errorClass = errorClassFor(Number(data?.status));
    const message = typeof data?.message === "string" && data.message ? data.message : MSG_SERVER_DOWN;
    renderError(bubble, errorClass, message, question);
  }

  /* ------------------------------------------------------------------ */
  /* Final answer                                                        */
  /* ------------------------------------------------------------------ */

  /** Defensive copy of the answer object with the types the renderer relies on. */
  function normalizeAnswer(raw) {
    const data = raw && typeof raw === "object" ? raw : {};
    const objects = (list) => (Array.isArray(list) ? list.filter((x) => x && typeof x === "object") : []);
    return {
      answer: typeof data.answer === "string" ? data.answer : "",
      refused: data.refused === true,
      sessionId: typeof data.session_id === "string" && data.session_id ? data.session_id : null,
      planner: typeof data.planner === "string" ? data.planner : "",
      values: objects(data.values),
      citations: objects(data.citations),
      toolCalls: objects(data.tool_calls),
      warnings: Array.isArray(data.warnings) ? data.warnings.filter((w) => typeof w === "string" && w) : [],
    };
  }

  function renderAnswer(bubble, raw) {
    const answer = normalizeAnswer(raw);
    if (answer.sessionId) state.sessionId = answer.sessionId;

    bubble.className = answer.refused ? "msg bot refused" : "msg bot";
    if (answer.planner) bubble.dataset.planner = answer.planner;
    const byNumber = new Map(answer.citations.map((c) => [Number(c.n), c]));
    bubble.replaceChildren(renderAnswerText(answer.answer || "（没有回答内容）", byNumber));

    const chart = renderChart(answer);
    if (chart) {
      bubble.classList.add("has-chart");
      bubble.append(...chart);
    }
    if (answer.citations.length) bubble.append(renderCitations(answer.citations));
    if (answer.warnings.length) {
      bubble.append(el("ul", { className: "warnings" }, ...answer.warnings.map((w) => el("li", { text: w }))));
    }
    announce(answer.answer);
    scrollToBottom();
  }

  /** Answer text with each known [n] mark turned into a small button opening citation n. */
  function renderAnswerText(text, citationsByNumber) {
    const body = el("div", { className: "text" });
    let last = 0;
    for (const match of text.matchAll(/\[(\d+)\]/g)) {
      const citation = citationsByNumber.get(Number(match[1]));
      if (!citation) continue;
      const mark = el("button", { type: "button", className: "ref", "aria-label": `查看引用${match[1]}`, text: match[0] });
      mark.addEventListener("click", () => openViewer(citation, mark));
      body.append(text.slice(last, match.index), el("sup", {}, mark));
      last = match.index + match[0].length;
    }
    body.append(text.slice(last));
    return body;
  }

  /** A page read by OCR (a scan) says so, with the recognition confidence. */
  function ocrNote(citation) {
    const confidence = Number(citation.ocr_confidence);
    return citation.ocr_confidence == null || !Number.isFinite(confidence)
      ? null
      : `OCR 识别，置信度 ${confidence.toFixed(2)}`;
  }

  function renderCitations(citations) {
    const departments = [...new Set(citations.map((c) => c.department).filter(Boolean))];
    // Name the department only when the answer cites more than one.
    const labels = departments.length > 1 ? shortDepartmentLabels(departments) : null;
    const shortNames = labels ? new Map(departments.map((d, i) => [d, labels[i]])) : null;
    const list = el("div", { className: "citations", "aria-label": "引用来源" });
    for (const citation of citations) {
      const parts = [
        shortNames?.get(citation.department),
        yearKind(citation),
        citation.page !== null && citation.page !== undefined ? `第${citation.page}页` : null,
        citation.table || (citation.section ? lastSectionPart(citation.section) : null),
        ocrNote(citation),
      ].filter(Boolean);
      const chip = el("button", {
        type: "button", className: "chip", title: citation.file || null,
        text: `[${citation.n}] ${parts.join(" · ")}`,
      });
      chip.addEventListener("click", () => openViewer(citation, chip));
      list.append(chip);
    }
    return list;
  }

  /* ------------------------------------------------------------------ */
  /* Chart                                                               */
  /* ------------------------------------------------------------------ */

  /*
   * Charts read what each value is from its role (current, base, part, whole, figure, ranked
   * …; see service/values.py) and what it is of (metric, part_of, year), never from its name
   * or its place in the list; names are only shown.
   */
  const bar = (v, label) => ({ label, full: String(v.name), value: v.value, unit: v.unit });

  function asked(answer, tool) {
    const call = answer.toolCalls.find((c) => c.name === tool);
    return call && call.args && typeof call.args.metric === "string" ? call.args.metric : "";
  }

  function yearBars(answer, values) {
    // The two years of the metric compared (its parts carry part_of).
    const years = values.filter(
      (v) => (v.role === "current" || v.role === "base") && !v.part_of && v.unit === "万元"
    );
    if (years.length < 2) return null;
    const bars = years.sort((a, b) => a.year - b.year).map((v) => bar(v, `${v.year}年`));
    return { orientation: "vertical", title: `${asked(answer, "compare_years")}年度对比`, bars };
  }

  function breakdownBars(answer, values) {
    const whole = values.find((v) => v.role === "whole");
    if (!whole) return null;
    const parts = values
      .filter((v) => v.role === "part" && v.part_of === whole.metric && v.unit === "万元")
      .slice(0, 8);
    if (parts.length < 2) return null;
    return { orientation: "horizontal", title: `${whole.name}构成`, bars: parts.map((v) => bar(v, String(v.name))) };
  }

  function departmentBars(answer, values, tool) {
    const figures = values.filter((v) => v.role === "ranked" || v.role === "figure");
    if (figures.length < 2) return null;
    // Bars share one scale, so keep only values in the unit of the first one.
    const same = figures.filter((v) => v.unit === figures[0].unit);
    if (same.length < 2) return null;
    same.sort((a, b) => (a.rank && b.rank ? a.rank - b.rank : b.value - a.value));
    const names = same.map((v) => String(v.department));
    const labels = shortDepartmentLabels(names);
    const bars = same.map((v, i) => ({ ...bar(v, labels[i]), full: names[i] }));
    return { orientation: "horizontal", title: `${asked(answer, tool)}部门对比`, bars };
  }

  /** Pick the chart for the answer's tool calls; null when none has at least two bars. */
  function chartSpec(answer) {
    const tools = new Set(answer.toolCalls.map((call) => call.name));
    const values = answer.values.filter((v) => typeof v.value === "number" && Number.isFinite(v.value));
    const candidates = [];
    if (tools.has("compare_years")) candidates.push(() => yearBars(answer, values));
    if (tools.has("breakdown")) candidates.push(() => breakdownBars(answer, values));
    for (const tool of ["rank_departments", "compare_departments"]) {
      if (tools.has(tool)) candidates.push(() => departmentBars(answer, values, tool));
    }
    for (const build of candidates) {
      const spec = build();
      if (spec) return spec;
    }
    return null;
  }

  /** [caption, svg] for the answer, or null. */
  function renderChart(answer) {
    const spec = chartSpec(answer);
    if (!spec) return null;
    const description = spec.bars.map((b) => `${b.full} ${formatAmount(b.value, b.unit)}`).join("，");
    const svg = spec.orientation === "vertical" ? verticalBars(spec.bars) : horizontalBars(spec.bars);
    svg.setAttribute("class", "chart");
    svg.setAttribute("role", "img");
    const kind = spec.orientation === "vertical" ? "柱状图" : "条形图";
    svg.setAttribute("aria-label", `${kind}，${spec.title}：${description}`);
    svg.setAttribute("width", "100%");
    svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
    const caption = el("p", { className: "chart-caption", "aria-hidden": "true", text: spec.title });
    return [caption, svg];
  }

  function barGroup(bar) {
    const group = svgEl("g");
    group.append(svgEl("title", {}, `${bar.full}：${formatAmount(bar.value, bar.unit)}`));
    return group;
  }

  function horizontalBars(bars) {
    const width = 320;
    const rowHeight = 26;
    const labelWidth = 92;
    const valueWidth = 80;
    const height = bars.length * rowHeight + 4;
    const max = Math.max(...bars.map((b) => b.value), 0) || 1;
    const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}` });
    bars.forEach((bar, i) => {
      const y = 2 + i * rowHeight;
      const barWidth = Math.max(1, ((width - labelWidth - valueWidth) * Math.max(bar.value, 0)) / max);
      const group = barGroup(bar);
      group.append(
        svgEl("text", { x: labelWidth - 6, y: y + rowHeight / 2, "text-anchor": "end", "dominant-baseline": "middle" },
          truncate(bar.label, 7)),
        svgEl("rect", { class: "bar", x: labelWidth, y: y + 5, width: barWidth.toFixed(1), height: rowHeight - 10, rx: 2 }),
        svgEl("text", { x: (labelWidth + barWidth + 4).toFixed(1), y: y + rowHeight / 2, "dominant-baseline": "middle" },
          formatAmount(bar.value, bar.unit)),
      );
      svg.append(group);
    });
    return svg;
  }

  function verticalBars(bars) {
    const width = 320;
    const height = 170;
    const top = 22; // room for the amount above the tallest bar
    const bottom = 22; // room for the year below the axis
    const max = Math.max(...bars.map((b) => b.value), 0) || 1;
    const slot = width / bars.length;
    const barWidth = Math.min(64, slot * 0.5);
    const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}` });
    bars.forEach((bar, i) => {
      const barHeight = Math.max(1, ((height - top - bottom) * Math.max(bar.value, 0)) / max);
      const x = slot * i + (slot - barWidth) / 2;
      const y = height - bottom - barHeight;
      const middle = (x + barWidth / 2).toFixed(1);
      const group = barGroup(bar);
      group.append(
        svgEl("rect", { class: "bar", x: x.toFixed(1), y: y.toFixed(1), width: barWidth.toFixed(1), height: barHeight.toFixed(1), rx: 2 }),
        svgEl("text", { x: middle, y: (y - 6).toFixed(1), "text-anchor": "middle" }, formatAmount(bar.value, bar.unit)),
        svgEl("text", { x: middle, y: height - 6, "text-anchor": "middle" }, bar.label),
      );
      svg.append(group);
    });
    svg.append(svgEl("line", { x1: 0, x2: width, y1: height - bottom, y2: height - bottom }));
    return svg;
  }

  /* ------------------------------------------------------------------ */
  /* Source viewer                                                       */
  /* ------------------------------------------------------------------ */

  function openViewer(citation, opener) {
    const token = ++state.viewerToken;
    state.viewerOpener = opener;
    ui.viewerTitle.textContent = citation.file || "原文";
    ui.viewerMeta.textContent = [
      citation.department,
      yearKind(citation),
      citation.page !== null && citation.page !== undefined ? `第${citation.page}页` : null,
      citation.table || citation.section,
      ocrNote(citation),
    ].filter(Boolean).join(" · ");
    ui.viewerQuote.textContent = citation.quote || "";
    ui.viewerQuote.hidden = !citation.quote;
    ui.viewerBody.replaceChildren(el("p", { className: "viewer-note loading", text: "正在加载原文…" }));
    ui.viewer.hidden = false;
    ui.viewerClose.focus();

    const view = citation.view && typeof citation.view === "object" ? citation.view : {};
    if (view.type === "page" && view.url) showPage(citation, apiUrl(view.url), token);
    else if (view.type === "text" && view.url) showText(citation, apiUrl(view.url), token);
    else showViewerNote("暂无原文预览");
  }

  function showViewerNote(text) {
    ui.viewerBody.replaceChildren(el("p", { className: "viewer-note", text }));
  }

  function showPage(citation, url, token) {
    const hasPage = citation.page !== null && citation.page !== undefined;
    const img = el("img", { className: "pending", alt: hasPage ? `原文第${citation.page}页` : "原文页面" });
    img.addEventListener("load", () => {
      if (token !== state.viewerToken) return;
      img.classList.remove("pending");
      ui.viewerBody.querySelector(".loading")?.remove();
    });
    img.addEventListener("error", () => {
      if (token === state.viewerToken) showViewerNote("原文页面加载失败，请稍后再试");
    });
    img.src = url;
    ui.viewerBody.append(img);
  }

  async function showText(citation, url, token) {
    let data;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      data = await response.json();
    } catch {
      if (token === state.viewerToken) showViewerNote("原文加载失败，请稍后再试");
      return;
    }
    if (token !== state.viewerToken) return; // the viewer was closed or reused meanwhile
    const paragraphs = Array.isArray(data?.paragraphs) ? data.paragraphs.filter((p) => typeof p === "string") : [];
    const quote = typeof data?.quote === "string" && data.quote ? data.quote : citation.quote || "";
    if (!citation.file && typeof data?.document === "string") ui.viewerTitle.textContent = data.document;

    const nodes = [];
    if (typeof data?.section === "string" && data.section) {
      nodes.push(el("h4", { className: "viewer-section", text: data.section }));
    }
    nodes.push(...paragraphs.map((text) => highlighted(text, quote)));
    if (!paragraphs.length) nodes.push(el("p", { className: "viewer-note", text: "该章节暂无文字内容" }));
    ui.viewerBody.replaceChildren(...nodes);
    ui.viewerBody.querySelector("mark")?.scrollIntoView({ block: "center" });
  }

  /** A <p> with every occurrence of quote wrapped in <mark> (split strings, no HTML parsing). */
  function highlighted(text, quote) {
    const paragraph = el("p");
    if (!quote) {
      paragraph.textContent = text;
      return paragraph;
    }
    text.split(quote).forEach((piece, i) => {
      if (i > 0) paragraph.append(el("mark", { text: quote }));
      if (piece) paragraph.append(piece);
    });
    return paragraph;
  }

  function closeViewer(restoreFocus = true) {
    if (ui.viewer.hidden) return;
    state.viewerToken++; // late responses for this citation are ignored
    ui.viewer.hidden = true;
    ui.viewerBody.replaceChildren();
    const opener = state.viewerOpener;
    state.viewerOpener = null;
    if (restoreFocus) (opener?.isConnected ? opener : ui.input).focus();
  }

  /** Keep Tab / Shift+Tab inside the viewer while it is open. */
  function trapViewerFocus(event) {
    if (event.key !== "Tab") return;
    const focusable = [...ui.viewerBox.querySelectorAll("button, [href], [tabindex]:not([tabindex='-1'])")]
      .filter((node) => !node.disabled && node.getClientRects().length);
    if (!focusable.length) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = ui.root.activeElement;
    if (event.shiftKey && (active === first || !ui.viewerBox.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !ui.viewerBox.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  }

  /* ------------------------------------------------------------------ */
  /* Wiring                                                              */
  /* ------------------------------------------------------------------ */

  function submitInput() {
    if (state.busy || !ui.input.value.trim()) return;
    const question = ui.input.value;
    ui.input.value = "";
    resizeInput();
    ask(question);
  }

  /** Grow the textarea with its content (CSS caps the height). */
  function resizeInput() {
    ui.input.style.height = "auto";
    ui.input.style.height = `${ui.input.scrollHeight + 2}px`;
  }

  ui.launcher.addEventListener("click", () => (ui.panel.hidden ? openPanel() : closePanel()));
  ui.close.addEventListener("click", closePanel);
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    submitInput();
  });
  ui.input.addEventListener("input", resizeInput);
  ui.input.addEventListener("keydown", (event) => {
    // Enter sends, Shift+Enter adds a line; never interrupt an IME composition.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      submitInput();
    }
  });
  ui.viewerClose.addEventListener("click", () => closeViewer());
  ui.viewer.addEventListener("click", (event) => {
    if (event.target === ui.viewer) closeViewer(); // click on the backdrop
  });
  ui.viewer.addEventListener("keydown", trapViewerFocus);
  ui.root.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.isComposing) return;
    if (!ui.viewer.hidden) closeViewer();
    else if (!ui.panel.hidden) closePanel();
    else return;
    event.preventDefault();
    event.stopPropagation();
  });

  const mount = () => document.body.append(ui.host);
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });

  window.caiwenWidget = Object.freeze({ open: openPanel, close: closePanel, ask });
})();
