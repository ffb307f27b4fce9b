/*
 * 财问 (caiwen) — embeddable chat widget for government budget disclosures.
 *
 * Embed:
 *   <script src="https://HOST/widget.js" data-department="…" data-year="2018"
 *           data-kind="决算" data-title="财政公开问答"
 *           data-color="#b31b1b" data-logo="/logo.png" data-welcome="您好！…"></script>
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
  const SOURCES_SHOWN = 4; // the source chips shown before “另有 N 处来源”
  const IDLE_TIMEOUT_MS = 60000; // abort a request whose stream stays silent this long
  const FALLBACK_QUESTIONS = ["三公经费比上年变化多少", "招待费花了多少", "基本支出占比多少"];
  const SVG_NS = "http://www.w3.org/2000/svg";
  const MSG_SERVER_DOWN = "服务暂时不可用，请稍后再试";
  const DEFAULT_WELCOME = "您好！我可以回答本部门预决算公开文件中的问题，并给出原文出处。您可以这样问：";
  /** The source viewer's words (prompts/viewer.yaml), put in by the server. */
  const VIEWER_WORDS = /*VIEWER_WORDS*/ {};
  /** Zoom of a page image (1 = its pixels, 100 dpi): 10 pt print is 14 CSS px at 1, 12.5 px
   * at the smallest zoom a page opens with when the whole width would be smaller. */
  const READABLE_ZOOM = 0.9;
  const OPENING_ZOOM_MAX = 1.25; // a small cell opens this large at most (10 pt print: 17 px)
  const ZOOM_MIN = 0.2;
  const ZOOM_MAX = 4;
  const ZOOM_STEP = 1.25;
  const CROP_MARGIN = 24; // image pixels shown around the marked boxes when a page opens

  const CSS = `
:host { all: initial !important; display: block !important; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.root {
  font: 0.875rem/1.6 system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  color: #1f2933;
  --primary: #1a56a6;
  --primary-dark: #143f7a;
  --focus: #174ea6; /* 7.4:1 against white, 6.9:1 against the messages' grey */
  --tap: 2.75rem; /* 44 px at the default font size: the smallest tap target */
}
button, textarea { font: inherit; color: inherit; margin: 0; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.header :focus-visible { outline-color: #fff; outline-offset: -3px; }
.sr-only {
  position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; padding: 0; margin: -1px;
}

.launcher {
  position: fixed; right: 1.25rem; bottom: 1.25rem; z-index: 2147483000;
  width: 3.5rem; height: 3.5rem; border-radius: 50%; border: none;
  background: var(--primary); color: #fff; font-size: 1.375rem; font-weight: 700;
  box-shadow: 0 4px 14px rgba(0, 0, 0, .25);
  display: flex; align-items: center; justify-content: center;
}
.launcher:hover { background: var(--primary-dark); }

.panel {
  position: fixed; right: 1.25rem; bottom: 5.5rem; z-index: 2147483001;
  width: min(23.75rem, calc(100vw - 2.5rem)); height: min(35rem, calc(100vh - 6.75rem));
  display: flex; flex-direction: column; overflow: hidden;
  background: #fff; border-radius: 12px; box-shadow: 0 10px 36px rgba(0, 0, 0, .28);
}
.header {
  display: flex; align-items: flex-start; gap: 0.5rem; padding: 0.625rem 0.5rem 0.625rem 0.875rem;
  background: var(--primary); color: #fff;
}
.heading { flex: 1; min-width: 0; }
.title { margin: 0; font-size: 1rem; font-weight: 600; line-height: 1.4; }
.scope { margin: 2px 0 0; font-size: 0.75rem; opacity: .85; overflow-wrap: anywhere; }
.restart {
  flex: none; min-height: var(--tap); padding: 0 0.625rem; border: 1px solid rgba(255, 255, 255, .6);
  border-radius: 6px; background: transparent; color: #fff; font-size: 0.875rem;
}
.restart:hover { background: rgba(255, 255, 255, .15); }
.logo { flex: none; width: 2rem; height: 2rem; margin-top: 0.375rem; border-radius: 4px; object-fit: contain; }
.close {
  flex: none; width: var(--tap); height: var(--tap); border: none; border-radius: 6px;
  background: transparent; color: #fff; font-size: 1.375rem; line-height: 1;
}
.close:hover { background: rgba(255, 255, 255, .15); }

.messages {
  flex: 1; min-height: 0; overflow-y: auto; padding: 0.75rem;
  display: flex; flex-direction: column; gap: 0.625rem; background: #f5f7fa;
}
.welcome { margin: 0; color: #52606d; }
.suggestions { display: flex; flex-direction: column; align-items: flex-start; gap: 0.375rem; }
.suggestion {
  text-align: left; min-height: var(--tap); padding: 0.375rem 0.625rem; border-radius: 8px;
  border: 1px solid #c9d6e8; background: #fff; color: var(--primary);
}
.suggestion:hover { background: #eef4fb; }

.msg { max-width: 88%; padding: 0.5rem 0.75rem; border-radius: 10px; overflow-wrap: anywhere; }
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
  margin-top: 6px; min-height: var(--tap); padding: 2px 0.75rem; border-radius: 6px;
  border: 1px solid currentColor; background: #fff;
}
sup { line-height: 0; }
.ref {
  position: relative; border: none; background: none; padding: 0 0.125rem; font-size: 0.8125rem;
  color: var(--primary); text-decoration: underline;
}
/* The marker stays small in the line; its tap target is 44 px around it. */
.ref::after {
  content: ""; position: absolute; left: 50%; top: 50%;
  width: max(100%, var(--tap)); height: var(--tap); transform: translate(-50%, -50%);
}
.citations { display: flex; flex-wrap: wrap; gap: 0.375rem; margin-top: 8px; }
.chip {
  max-width: 100%; min-height: var(--tap); padding: 2px 0.625rem; border-radius: 12px; text-align: left;
  border: 1px solid #c9d6e8; background: #eef4fb; color: #1a4a8a;
  font-size: 0.75rem; line-height: 1.5; white-space: normal;
}
.chip:hover { background: #dde9f7; }
.more-sources { border: none; background: none; min-height: var(--tap); padding: 0 0.5rem; color: var(--primary); text-decoration: underline; }
.actions { display: flex; gap: 0.375rem; margin-top: 0.375rem; }
.action {
  min-width: var(--tap); min-height: var(--tap); padding: 0 0.5rem; border: 1px solid #c9d6e8;
  border-radius: 8px; background: #fff; color: #3e4c59; font-size: 0.875rem;
}
.action[aria-pressed="true"] { background: #eef4fb; border-color: var(--primary); color: var(--primary); }
.feedback-form { display: flex; gap: 0.375rem; margin-top: 0.375rem; }
.feedback-form input {
  flex: 1; min-width: 0; min-height: var(--tap); padding: 0 0.5rem; font: inherit; font-size: 1rem;
  border: 1px solid #c5cfdb; border-radius: 8px;
}
.thanks { margin: 0.375rem 0 0; font-size: 0.8125rem; color: #52606d; }
.warnings { margin: 0.5rem 0 0; padding: 0; list-style: none; font-size: 0.75rem; color: #8a5a00; }
.warnings li::before { content: "提示："; font-weight: 600; }
.chart-caption { margin: 0.5rem 0 2px; font-size: 0.75rem; color: #52606d; }
svg.chart { display: block; width: 100%; height: auto; }
svg.chart text { font-size: 11px; fill: #334155; } /* viewBox units: the chart scales as a whole */
svg.chart text.note { font-size: 8px; fill: #52606d; }
svg.chart rect.bar { fill: var(--primary); }
svg.chart line { stroke: #9aa5b1; }

.typing { display: inline-flex; gap: 0.25rem; padding: 0.25rem 0; }
.typing span {
  width: 0.375rem; height: 0.375rem; border-radius: 50%; background: #9aa5b1;
  animation: caiwen-blink 1.2s infinite ease-in-out;
}
.typing span:nth-child(2) { animation-delay: .2s; }
.typing span:nth-child(3) { animation-delay: .4s; }
@keyframes caiwen-blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }

.status {
  padding: 0.25rem 0.75rem; font-size: 0.75rem; color: #52606d;
  background: #f5f7fa; border-top: 1px solid #e4e7eb;
}
.status::before {
  content: ""; display: inline-block; width: 0.5rem; height: 0.5rem; margin-right: 6px;
  border-radius: 50%; background: #f0a000; animation: caiwen-blink 1s infinite;
}
.composer { display: flex; gap: 0.5rem; padding: 0.625rem; border-top: 1px solid #e4e7eb; background: #fff; }
.input {
  flex: 1; min-width: 0; min-height: var(--tap); font-size: 1rem; /* 16 px: iOS does not zoom on focus */ max-height: 7.5rem; resize: none;
  padding: 0.5rem 0.625rem; border: 1px solid #c5cfdb; border-radius: 8px; background: #fff;
  line-height: 1.5;
}
.input:focus { border-color: var(--focus); outline: none; box-shadow: 0 0 0 2px var(--focus); }
.send, .stop {
  flex: none; min-width: var(--tap); min-height: var(--tap); padding: 0 1rem; border: none; border-radius: 8px;
  background: var(--primary); color: #fff;
}
.stop { background: #52606d; }
.send:disabled { opacity: .5; cursor: not-allowed; }

.viewer {
  position: fixed; inset: 0; z-index: 2147483002; padding: 1rem;
  display: flex; align-items: center; justify-content: center;
  background: rgba(15, 23, 42, .55);
}
.viewer-box {
  width: min(53.75rem, 100%); max-height: 100%; display: flex; flex-direction: column;
  overflow: hidden; background: #fff; border-radius: 10px; box-shadow: 0 10px 40px rgba(0, 0, 0, .35);
}
.viewer-header { display: flex; align-items: flex-start; gap: 0.5rem; padding: 0.625rem 0.625rem 0.375rem 1rem; border-bottom: 1px solid #e4e7eb; }
.viewer-title { flex: 1; min-width: 0; margin: 0; font-size: 0.9375rem; font-weight: 600; overflow-wrap: anywhere; }
.viewer-close {
  flex: none; width: var(--tap); height: var(--tap); border: none; border-radius: 6px;
  background: #f0f2f5; font-size: 1.25rem; line-height: 1;
}
.viewer-meta { margin: 0; padding: 0.375rem 1rem 0; font-size: 0.75rem; color: #52606d; overflow-wrap: anywhere; }
.viewer-quote {
  margin: 0.5rem 1rem 0; padding: 0.375rem 0.625rem; border-left: 3px solid #f0a000;
  background: #fff8e1; font-size: 0.8125rem; white-space: pre-wrap; overflow-wrap: anywhere;
}
.viewer-tools { display: flex; flex-wrap: wrap; align-items: center; gap: 0.375rem; padding: 0.5rem 1rem 0; }
.viewer-tools button, .viewer-download {
  min-width: var(--tap); min-height: var(--tap); padding: 0 0.625rem; border: 1px solid #c9d6e8;
  border-radius: 8px; background: #fff; color: #1a4a8a; font-size: 0.875rem;
  display: inline-flex; align-items: center; justify-content: center; text-decoration: none;
}
.zoom-tools { display: flex; align-items: center; gap: 0.375rem; }
.viewer-tools .zoom-level { min-width: 3.5rem; text-align: center; font-size: 0.8125rem; color: #52606d; }
.viewer-download { margin-left: auto; }
.viewer-body { position: relative; flex: 1; min-height: 7.5rem; overflow: auto; padding: 0.75rem 1rem 1rem; }
.viewer-body img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.viewer-body img.viewer-page { max-width: none; }
/* a page image: one finger scrolls it, two pinch it (our zoom, not the page's) */
.viewer-body.paged { touch-action: pan-x pan-y; }
.viewer-body img.pending { display: none; }
.viewer-table { overflow-x: auto; margin: 0 0 0.5rem; }
.viewer-table table { border-collapse: collapse; font-size: 0.8125rem; }
.viewer-figure { margin: 0 0 0.75rem; }
.viewer-caption { font-weight: 600; padding: 0 0 0.375rem; }
.viewer-table th, .viewer-table td { border: 1px solid #c5cfdb; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
.viewer-table th { min-width: 5rem; font-weight: 600; }
.viewer-table td.amount { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.viewer-table tr.cited td, .viewer-table th.cited { background: #fff3bf; }
.viewer-table tr.cited td.cited { background: #ffe066; font-weight: 600; }
.viewer-body p { margin: 0 0 0.5rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.viewer-section { margin: 0 0 0.5rem; font-size: 0.875rem; font-weight: 600; }
.viewer-note { color: #52606d; }
mark { background: #ffe58a; color: inherit; padding: 0 1px; }

@media (max-width: 30rem) {
  .panel { top: 0; right: 0; bottom: 0; left: 0; width: auto; height: auto; border-radius: 0; }
  .viewer { padding: 0; }
  .viewer-box { height: 100%; border-radius: 0; }
}
@media (prefers-color-scheme: dark) {
  .root { color: #e4e7eb; --focus: #8ab4f8; }
  .panel, .composer, .msg.bot, .viewer-box, .suggestion, .retry, .action, .input, .feedback-form input {
    background: #1f2933; color: #e4e7eb; border-color: #3e4c59;
  }
  .messages, .status { background: #111827; color: #cbd2d9; border-color: #3e4c59; }
  .welcome, .chart-caption, .viewer-meta, .viewer-note, .thanks { color: #9aa5b1; }
  .chip, .action[aria-pressed="true"] { background: #1e3a5f; color: #cfe0f5; border-color: #3b6ea8; }
  .ref, .more-sources, .suggestion { color: #8ab4f8; }
  .msg.bot.refused { background: #2d2410; color: #f5deb3; }
  .viewer-quote, mark, .viewer-table tr.cited td, .viewer-table th.cited { background: #4a3b00; color: #fff3c4; }
  .viewer-table tr.cited td.cited { background: #6b5500; }
  .viewer-tools button, .viewer-download { background: #1f2933; color: #8ab4f8; border-color: #3e4c59; }
  svg.chart text { fill: #cbd2d9; }
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
    return {
      scope,
      title: (data.title || "").trim() || "财政公开问答",
      color: cssColor(data.color),
      logo: httpUrl(data.logo),
      welcome: (data.welcome || "").trim() || DEFAULT_WELCOME,
    };
  }

  /** data-color when it is a CSS colour (and nothing else: it goes into a custom property). */
  function cssColor(value) {
    const color = (value || "").trim();
    return color && window.CSS?.supports?.("color", color) && !/[;{}]/.test(color) ? color : null;
  }

  /** data-logo resolved against the page, when it is an http(s) or a same-origin address. */
  function httpUrl(value) {
    if (!value) return null;
    try {
      const url = new URL(value, location.href);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch {
      return null;
    }
  }

  const config = readConfig(script.dataset);
  const state = {
    sessionId: null, busy: false, suggestionsRequested: false, viewerToken: 0, viewerOpener: null,
    page: null, // the page image shown in the viewer: {img, boxes, zoom}
    turns: [], // [{question, answer}] answered so far, kept in sessionStorage across reloads
    controller: null, // aborts the answer streaming now
    stopped: false, // the asker pressed 停止
  };

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
    const restart = el("button", { type: "button", className: "restart", "aria-label": "开始新对话", text: "新对话" });
    const logo = config.logo ? el("img", { className: "logo", src: config.logo, alt: "" }) : null;
    const header = el("header", { className: "header" },
      logo,
      el("div", { className: "heading" },
        el("h2", { className: "title", id: "caiwen-title", text: config.title }),
        scopeText ? el("p", { className: "scope", text: scopeText }) : null),
      restart, close);

    const messages = el("div", { className: "messages", tabindex: "0", "aria-label": "对话记录" });
    const status = el("div", { className: "status", hidden: true });
    const input = el("textarea", {
      className: "input", rows: "2", maxlength: MAX_LENGTH, "aria-label": "输入问题",
      placeholder: "请输入您的问题，例如：三公经费比上年变化多少",
    });
    const send = el("button", { type: "submit", className: "send", text: "发送" });
    const stop = el("button", { type: "button", className: "stop", "aria-label": "停止回答", text: "停止", hidden: true });
    const form = el("form", { className: "composer", novalidate: true }, input, send, stop);
    const live = el("div", { className: "sr-only", "aria-live": "polite", "aria-atomic": "true" });
    const panel = el("section", {
      className: "panel", id: "caiwen-panel", role: "dialog", "aria-labelledby": "caiwen-title", hidden: true,
    }, header, messages, status, form, live);

    const viewerTitle = el("h3", { className: "viewer-title", id: "caiwen-viewer-title" });
    const viewerClose = el("button", { type: "button", className: "viewer-close", "aria-label": "关闭原文", text: "×" });
    const viewerMeta = el("p", { className: "viewer-meta" });
    const viewerQuote = el("blockquote", { className: "viewer-quote", hidden: true });
    const viewerBody = el("div", { className: "viewer-body", tabindex: "0", "aria-label": "原文内容" });
    const zoomOut = el("button", { type: "button", className: "zoom-out", "aria-label": VIEWER_WORDS.zoom_out, text: "−" });
    const zoomLevel = el("output", { className: "zoom-level" }); // a status: read when it changes
    const zoomIn = el("button", { type: "button", className: "zoom-in", "aria-label": VIEWER_WORDS.zoom_in, text: "+" });
    const zoomFit = el("button", { type: "button", className: "zoom-fit", text: VIEWER_WORDS.zoom_fit });
    const zoomCited = el("button", { type: "button", className: "zoom-cited", text: VIEWER_WORDS.zoom_cited });
    const zoomTools = el("div", { className: "zoom-tools", role: "group" }, zoomOut, zoomLevel, zoomIn, zoomFit, zoomCited);
    const download = el("a", { className: "viewer-download", text: VIEWER_WORDS.download, download: true, rel: "noopener" });
    const viewerTools = el("div", { className: "viewer-tools" }, zoomTools, download);
    const viewerBox = el("div", { className: "viewer-box" },
      el("div", { className: "viewer-header" }, viewerTitle, viewerClose),
      viewerMeta, viewerQuote, viewerTools, viewerBody);
    const viewer = el("div", {
      className: "viewer", role: "dialog", "aria-modal": "true", "aria-labelledby": "caiwen-viewer-title", hidden: true,
    }, viewerBox);

    const themed = el("div", { className: "root" }, launcher, panel, viewer);
    if (config.color) themed.style.setProperty("--primary", config.color);
    if (config.color) themed.style.setProperty("--primary-dark", config.color);
    root.append(style, themed);
    return {
      host, root, launcher, panel, close, restart, messages, status, form, input, send, stop, live,
      viewer, viewerBox, viewerTitle, viewerClose, viewerMeta, viewerQuote, viewerBody,
      zoomTools, zoomOut, zoomLevel, zoomIn, zoomFit, zoomCited, download,
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
      save();
    }
    ui.input.focus();
  }

  function closePanel() {
    if (ui.panel.hidden) return;
    closeViewer(false);
    ui.panel.hidden = true;
    ui.launcher.setAttribute("aria-expanded", "false");
    save();
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
      el("p", { className: "welcome", text: config.welcome }),
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
    ui.send.hidden = busy;
    ui.stop.hidden = !busy;
    ui.messages.setAttribute("aria-busy", String(busy));
  }

  function announce(text) {
    ui.live.textContent = text;
  }

  function scrollToBottom() {
    ui.messages.scrollTop = ui.messages.scrollHeight;
  }

  /* ------------------------------------------------------------------ */
  /* The conversation: kept across reloads, started over on request      */
  /* ------------------------------------------------------------------ */

  const MAX_KEPT_TURNS = 20;
  const STORAGE_KEY = `caiwen:${API_BASE}:${JSON.stringify(config.scope)}`;

  /** sessionStorage, or null where the page may not use it (sandboxed, privacy modes). */
  function storage() {
    try {
      return window.sessionStorage;
    } catch {
      return null;
    }
  }

  function save() {
    const kept = { sessionId: state.sessionId, open: !ui.panel.hidden, turns: state.turns };
    try {
      storage()?.setItem(STORAGE_KEY, JSON.stringify(kept));
    } catch {
      // full or forbidden: the conversation still works, it just does not survive a reload
    }
  }

  function remember(question, answer) {
    state.turns = [...state.turns, { question, answer }].slice(-MAX_KEPT_TURNS);
    save();
  }

  /** The conversation of this tab before the page was reloaded, drawn again. */
  function restore() {
    let kept;
    try {
      kept = JSON.parse(storage()?.getItem(STORAGE_KEY) || "null");
    } catch {
      kept = null;
    }
    const turns = Array.isArray(kept?.turns)
      ? kept.turns.filter((t) => t && typeof t.question === "string" && t.answer && typeof t.answer === "object")
      : [];
    if (!turns.length) return;
    state.turns = turns;
    state.suggestionsRequested = true;
    for (const turn of turns) {
      ui.messages.append(el("div", { className: "msg user", text: turn.question }));
      const bubble = el("div", { className: "msg bot" });
      ui.messages.append(bubble);
      renderAnswer(bubble, turn.answer);
    }
    if (typeof kept.sessionId === "string") state.sessionId = kept.sessionId;
    loadFollowUps();
    ui.live.textContent = "";
    if (kept.open) openPanel();
  }

  /** 新对话: the server's session forgets its turns, the panel and the tab forget them too. */
  function startOver() {
    stopAnswer();
    if (state.sessionId) {
      fetch(apiUrl("/api/chat/reset"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ session_id: state.sessionId }),
        keepalive: true,
      }).catch(() => {});
    }
    state.sessionId = null;
    state.turns = [];
    save();
    closeViewer(false);
    ui.messages.replaceChildren();
    state.suggestionsRequested = false;
    loadSuggestionsOnce();
    announce("已开始新对话");
    ui.input.focus();
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
    ui.messages.querySelectorAll(".follow-ups").forEach((node) => node.remove());
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
    state.controller = controller;
    state.stopped = false;
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
        if (state.stopped) renderStopped(bubble, question);
        else renderError(bubble, "error-server", MSG_SERVER_DOWN, question);
        return;
      }
      if (!response.ok || !response.body) {
        await renderHttpError(bubble, response, question);
        return;
      }
      const finished = await readEvents(response, (event) => handleEvent(event, bubble, question), keepAlive);
      if (!finished && state.stopped) renderStopped(bubble, question);
      else if (!finished) renderError(bubble, "error-server", MSG_SERVER_DOWN, question);
    } finally {
      clearTimeout(timer);
      state.controller = null;
    }
  }

  /** 停止: abort the answer streaming now (the bubble keeps what arrived, marked as stopped). */
  function stopAnswer() {
    if (!state.controller) return;
    state.stopped = true;
    state.controller.abort();
  }

  function renderStopped(bubble, question) {
    const text = bubble.querySelector(".text");
    bubble.className = "msg bot stopped";
    bubble.replaceChildren(...(text ? [text] : []), el("p", { className: "error-text", text: "已停止回答。" }));
    const retry = el("button", { type: "button", className: "retry", text: "重新回答" });
    retry.addEventListener("click", () => {
      if (!state.busy) runQuestion(question, bubble);
    });
    bubble.append(retry);
    announce("已停止回答");
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
        remember(question, data);
        loadFollowUps();
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
      answerId: Number.isInteger(data.answer_id) ? data.answer_id : null,
      planner: typeof data.planner === "string" ? data.planner : "",
      values: objects(data.values),
      citations: objects(data.citations),
      toolCalls: objects(data.tool_calls),
      chart: data.chart && typeof data.chart === "object" ? data.chart : null,
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
    bubble.append(renderActions(answer));
    announce(spoken(answer.answer));
    scrollToBottom();
  }

  /** What the live region reads: the answer without its [n] markers. */
  function spoken(text) {
    return text.replace(/\[\d+\]/g, "");
  }

  /** The follow-up questions the documents answer after the session's last answer, asked for
   * once the answer is shown (none when the request fails: they are only suggestions). */
  async function loadFollowUps() {
    const session = state.sessionId;
    const turns = state.turns.length;
    if (!session) return;
    let questions = [];
    try {
      const url = new URL("/api/chat/follow-ups", API_BASE);
      url.searchParams.set("session_id", session);
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      const data = response.ok ? await response.json() : null;
      questions = Array.isArray(data?.questions) ? data.questions.filter((q) => typeof q === "string" && q) : [];
    } catch {
      return;
    }
    // Another question, or a new conversation, since: these no longer follow anything.
    if (state.busy || session !== state.sessionId || turns !== state.turns.length) return;
    renderFollowUps(questions);
  }

  function renderFollowUps(questions) {
    if (!questions.length) return;
    const list = el("div", { className: "suggestions follow-ups", role: "group", "aria-label": "接着问" });
    for (const question of questions) {
      const button = el("button", { type: "button", className: "suggestion", text: question });
      button.addEventListener("click", () => ask(question));
      list.append(button);
    }
    ui.messages.append(list);
  }

  /* ------------------------------------------------------------------ */
  /* Feedback and copying                                                */
  /* ------------------------------------------------------------------ */

  /** 👍 / 👎 (👎 asks for an optional comment) and 复制 under an answer. */
  function renderActions(answer) {
    const row = el("div", { className: "actions", role: "group", "aria-label": "评价与复制" });
    const copy = el("button", { type: "button", className: "action copy", "aria-label": "复制回答和来源", text: "复制" });
    copy.addEventListener("click", () => copyAnswer(answer, copy));
    row.append(copy);
    if (answer.answerId === null || !answer.sessionId) return row;
    const up = el("button", { type: "button", className: "action", "aria-label": "有帮助", "aria-pressed": "false", text: "👍" });
    const down = el("button", { type: "button", className: "action", "aria-label": "没有帮助", "aria-pressed": "false", text: "👎" });
    up.addEventListener("click", () => {
      row.parentElement?.querySelector(".feedback-form")?.remove();
      press(up, down);
      sendFeedback(answer, "up", "", row);
    });
    down.addEventListener("click", () => {
      press(down, up);
      if (!row.parentElement?.querySelector(".feedback-form")) row.after(commentForm(answer, row));
      sendFeedback(answer, "down", "", row);
    });
    row.prepend(up, down);
    return row;
  }

  function press(pressed, other) {
    pressed.setAttribute("aria-pressed", "true");
    other.setAttribute("aria-pressed", "false");
  }

  /** After 👎: what was wrong, in the asker's words (optional; sent with the 👎 again). */
  function commentForm(answer, row) {
    const input = el("input", { type: "text", maxlength: "1000", "aria-label": "哪里不对（可选）", placeholder: "哪里不对？（可选）" });
    const submit = el("button", { type: "submit", className: "action", text: "提交" });
    const form = el("form", { className: "feedback-form" }, input, submit);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      sendFeedback(answer, "down", input.value, row);
      form.remove();
    });
    queueMicrotask(() => input.focus());
    return form;
  }

  async function sendFeedback(answer, rating, comment, row) {
    let saved = false;
    try {
      const response = await fetch(apiUrl("/api/feedback"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ answer_id: answer.answerId, session_id: answer.sessionId, rating, comment }),
      });
      saved = response.ok;
    } catch {
      saved = false;
    }
    row.parentElement?.querySelector(".thanks")?.remove();
    const note = saved ? "感谢您的反馈" : "反馈没有发送成功，请稍后再试";
    row.after(el("p", { className: "thanks", role: "status", text: note }));
  }

  /** The answer's text and its sources, as plain text on the clipboard. */
  async function copyAnswer(answer, button) {
    const sources = answer.citations.map((c) =>
      `[${c.n}] ${[c.file, c.page !== null && c.page !== undefined ? `第${c.page}页` : null, c.table || c.section]
        .filter(Boolean).join(" ")}`);
    const text = [answer.answer, ...(sources.length ? ["来源：", ...sources] : [])].join("\n");
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = "已复制";
    } catch {
      button.textContent = "复制失败";
    }
    setTimeout(() => (button.textContent = "复制"), 2000);
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
      chip.hidden = list.children.length >= SOURCES_SHOWN && citations.length > SOURCES_SHOWN + 1;
      list.append(chip);
    }
    const hidden = [...list.children].filter((chip) => chip.hidden);
    if (hidden.length) {
      const more = el("button", { type: "button", className: "more-sources", "aria-expanded": "false",
        text: `另有 ${hidden.length} 处来源` });
      more.addEventListener("click", () => {
        hidden.forEach((chip) => (chip.hidden = false));
        more.remove();
        hidden[0].focus();
      });
      list.append(more);
    }
    return list;
  }

  /* ------------------------------------------------------------------ */
  /* Chart                                                               */
  /* ------------------------------------------------------------------ */

  /*
   * The server draws the chart (service/charts.py: one level of a breakdown adding up to the
   * whole its caption states, rankings with their zeros and each bar's year and kind when they
   * differ); the widget only lays it out and writes its numbers as text for screen readers.
   */
  const VERTICAL = new Set(["years", "budget"]);

  /** The answer's chart as bars to draw; null when it has fewer than two. */
  function chartSpec(answer) {
    const chart = answer.chart;
    const bars = Array.isArray(chart?.bars)
      ? chart.bars.filter((b) => b && typeof b.label === "string" && Number.isFinite(b.value))
      : [];
    if (bars.length < 2 || typeof chart.title !== "string") return null;
    const unit = typeof chart.unit === "string" ? chart.unit : "";
    const departments = bars.map((b) => (typeof b.department === "string" ? b.department : ""));
    const short = shortDepartmentLabels(departments);
    const drawn = bars.map((b, i) => ({
      full: b.label,
      label: departments[i] ? short[i] : b.label,
      note: typeof b.note === "string" ? b.note : "",
      value: b.value,
      unit,
    }));
    return { orientation: VERTICAL.has(chart.type) ? "vertical" : "horizontal", title: chart.title, bars: drawn };
  }

  /** [caption, svg, the numbers as text] for the answer, or null. */
  function renderChart(answer) {
    const spec = chartSpec(answer);
    if (!spec) return null;
    const description = spec.bars.map((b) => `${b.full} ${formatAmount(b.value, b.unit)}`).join("，");
    const svg = spec.orientation === "vertical" ? verticalBars(spec.bars) : horizontalBars(spec.bars);
    svg.setAttribute("class", "chart");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("width", "100%");
    svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
    const caption = el("p", { className: "chart-caption", text: spec.title });
    const kind = spec.orientation === "vertical" ? "柱状图" : "条形图";
    const numbers = el("p", { className: "sr-only chart-text", text: `${kind}：${description}` });
    return [caption, svg, numbers];
  }

  function barGroup(bar) {
    const group = svgEl("g");
    group.append(svgEl("title", {}, `${bar.full}：${formatAmount(bar.value, bar.unit)}`));
    return group;
  }

  function horizontalBars(bars) {
    const width = 320;
    const noted = bars.some((b) => b.note);
    const rowHeight = noted ? 36 : 26; // a second line under the label: the bar's year and kind
    const labelWidth = 92;
    const valueWidth = 80;
    const height = bars.length * rowHeight + 4;
    const max = Math.max(...bars.map((b) => b.value), 0) || 1;
    const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}` });
    bars.forEach((bar, i) => {
      const y = 2 + i * rowHeight;
      const barWidth = Math.max(1, ((width - labelWidth - valueWidth) * Math.max(bar.value, 0)) / max);
      const group = barGroup(bar);
      const labelY = noted ? y + 12 : y + rowHeight / 2;
      group.append(
        svgEl("text", { x: labelWidth - 6, y: labelY, "text-anchor": "end", "dominant-baseline": "middle" },
          truncate(bar.label, 7)),
        svgEl("rect", { class: "bar", x: labelWidth, y: y + 5, width: barWidth.toFixed(1), height: rowHeight - 10, rx: 2 }),
        svgEl("text", { x: (labelWidth + barWidth + 4).toFixed(1), y: y + rowHeight / 2, "dominant-baseline": "middle" },
          formatAmount(bar.value, bar.unit)),
      );
      if (bar.note) {
        group.append(svgEl("text", { class: "note", x: labelWidth - 6, y: y + 27, "text-anchor": "end",
          "dominant-baseline": "middle" }, bar.note));
      }
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
    state.page = null;
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
    ui.zoomTools.hidden = true;
    ui.viewerBody.classList.remove("paged");
    const view = citation.view && typeof citation.view === "object" ? citation.view : {};
    const download = typeof view.download === "string" && view.download.startsWith("/api/") ? view.download : null;
    ui.download.hidden = !download;
    if (download) {
      ui.download.href = apiUrl(download);
      ui.download.setAttribute("aria-label", words("download_label", { file: citation.file || "" }));
    }
    ui.viewer.hidden = false;
    ui.viewerClose.focus();

    if (view.type === "page" && view.url) showPage(citation, view, token);
    else if (view.type === "text" && view.url) showText(citation, apiUrl(view.url), token);
    else showViewerNote("暂无原文预览");
  }

  /** A viewer word with its {placeholders} filled in. */
  function words(key, fields = {}) {
    return String(VIEWER_WORDS[key] || "").replace(/\{(\w+)\}/g, (all, name) => (name in fields ? fields[name] : all));
  }

  function showViewerNote(text) {
    ui.viewerBody.replaceChildren(el("p", { className: "viewer-note", text }));
  }

  /** The cited page: on a phone it opens cropped to the marked boxes at a readable zoom; the
   * buttons, a pinch or Ctrl + wheel zoom it. */
  function showPage(citation, view, token) {
    const hasPage = citation.page !== null && citation.page !== undefined;
    const img = el("img", {
      className: "viewer-page pending",
      alt: hasPage ? words("page_alt", { page: citation.page }) : "原文页面",
      draggable: "false",
    });
    const boxes = (Array.isArray(view.boxes) ? view.boxes : [])
      .filter((box) => Array.isArray(box) && box.length === 4 && box.every(Number.isFinite));
    // a screen of two or three device pixels to a CSS pixel gets twice the pixels, shown enlarged
    const scale = window.devicePixelRatio >= 1.5 ? 2 : 1;
    img.addEventListener("load", () => {
      if (token !== state.viewerToken) return;
      img.classList.remove("pending");
      ui.viewerBody.querySelector(".loading")?.remove();
      // width, height: the image's size at zoom 1 (100 dpi), whatever it was rendered at
      state.page = { img, boxes, zoom: 1, width: img.naturalWidth / scale, height: img.naturalHeight / scale };
      ui.zoomTools.hidden = false;
      ui.zoomCited.hidden = !boxes.length;
      showCited();
    });
    img.addEventListener("error", () => {
      if (token === state.viewerToken) showViewerNote("原文页面加载失败，请稍后再试");
    });
    img.src = apiUrl(view.url) + (scale > 1 ? `&scale=${scale}` : "");
    ui.viewerBody.classList.add("paged");
    ui.viewerBody.append(img);
  }

  /** The width the page image has to fill (the viewer's inner width). */
  function viewWidth() {
    const style = getComputedStyle(ui.viewerBody);
    return ui.viewerBody.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  }

  function fitZoom() {
    return viewWidth() / state.page.width;
  }

  /** The marked boxes as one rectangle, with a margin, in image pixels. */
  function citedArea(boxes) {
    return {
      x0: Math.max(0, Math.min(...boxes.map((b) => b[0])) - CROP_MARGIN),
      top: Math.max(0, Math.min(...boxes.map((b) => b[1])) - CROP_MARGIN),
      x1: Math.max(...boxes.map((b) => b[2])) + CROP_MARGIN,
      bottom: Math.max(...boxes.map((b) => b[3])) + CROP_MARGIN,
    };
  }

  /** The opening view: the whole width when it is readable (a desktop), else the marked
   * boxes filling the width at a readable zoom (a phone); centred on the boxes. */
  function showCited() {
    const page = state.page;
    const fit = fitZoom();
    if (!page.boxes.length) {
      setZoom(Math.max(fit, Math.min(READABLE_ZOOM, 1)));
      return;
    }
    const area = citedArea(page.boxes);
    const cropped = Math.min(Math.max(viewWidth() / (area.x1 - area.x0), READABLE_ZOOM), OPENING_ZOOM_MAX);
    setZoom(fit >= READABLE_ZOOM ? Math.min(fit, 1) : cropped, {
      x: (area.x0 + area.x1) / 2,
      y: (area.top + area.bottom) / 2,
    });
  }

  /** Zoom the page image, keeping the image point ``at`` (default: the one in the middle of
   * the view) in the middle of the view, or under ``screen`` (a pinch's midpoint). */
  function setZoom(zoom, at = null, screen = null) {
    const page = state.page;
    if (!page) return;
    const body = ui.viewerBody;
    const view = body.getBoundingClientRect();
    const target = screen || { x: view.left + body.clientWidth / 2, y: view.top + body.clientHeight / 2 };
    const point = at || imagePoint(target);
    page.zoom = Math.min(Math.max(zoom, ZOOM_MIN), ZOOM_MAX);
    page.img.style.width = `${page.width * page.zoom}px`;
    page.img.style.height = `${page.height * page.zoom}px`;
    const rect = page.img.getBoundingClientRect();
    body.scrollLeft += rect.left + point.x * page.zoom - target.x;
    body.scrollTop += rect.top + point.y * page.zoom - target.y;
    ui.zoomLevel.textContent = words("zoom_level", { percent: Math.round(page.zoom * 100) });
    ui.zoomOut.disabled = page.zoom <= ZOOM_MIN;
    ui.zoomIn.disabled = page.zoom >= ZOOM_MAX;
  }

  /** The image pixel under a point of the screen. */
  function imagePoint(screen) {
    const rect = state.page.img.getBoundingClientRect();
    return { x: (screen.x - rect.left) / state.page.zoom, y: (screen.y - rect.top) / state.page.zoom };
  }

  /** Two fingers on the page zoom it about their midpoint; one finger scrolls it. */
  const pointers = new Map();
  let pinch = null;

  function pinchState() {
    const [a, b] = [...pointers.values()];
    const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    return { distance: Math.hypot(a.x - b.x, a.y - b.y) || 1, mid };
  }

  function onPointer(event) {
    if (!state.page || event.pointerType === "mouse") return;
    if (event.type === "pointerdown") pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    else if (event.type === "pointermove" && pointers.has(event.pointerId)) {
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    } else {
      pointers.delete(event.pointerId);
    }
    if (pointers.size !== 2) {
      pinch = null;
      return;
    }
    const now = pinchState();
    if (!pinch || event.type === "pointerdown") {
      pinch = { ...now, zoom: state.page.zoom, point: imagePoint(now.mid) };
      return;
    }
    event.preventDefault();
    setZoom(pinch.zoom * (now.distance / pinch.distance), pinch.point, now.mid);
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
    const paragraphs = strings(data?.paragraphs);
    const quotes = strings(data?.quotes).length ? strings(data.quotes) : strings([data?.quote || citation.quote]);
    if (!citation.file && typeof data?.document === "string") ui.viewerTitle.textContent = data.document;

    const nodes = [];
    if (typeof data?.section === "string" && data.section) {
      nodes.push(el("h4", { className: "viewer-section", text: data.section }));
    }
    nodes.push(...paragraphs.map((text) => highlighted(text, quotes)));
    const table = data?.table && typeof data.table === "object" ? citedTable(data.table) : null;
    if (table) nodes.push(table);
    if (!paragraphs.length && !table) nodes.push(el("p", { className: "viewer-note", text: words("no_paragraphs") }));
    ui.viewerBody.replaceChildren(...nodes);
    const cited = ui.viewerBody.querySelector("td.cited") || ui.viewerBody.querySelector("tr.cited, mark");
    cited?.scrollIntoView({ block: "center", inline: "center" });
  }

  function strings(list) {
    return Array.isArray(list) ? list.filter((item) => typeof item === "string" && item) : [];
  }

  /** The cited table as a table, its cited rows and cells marked (text nodes only). */
  function citedTable(table) {
    const rows = Array.isArray(table.rows) ? table.rows.filter(Array.isArray) : [];
    const markedRows = new Set(Array.isArray(table.marked_rows) ? table.marked_rows : []);
    const markedCells = new Set((Array.isArray(table.marked_cells) ? table.marked_cells : []).map(String));
    const markedColumns = new Set([...markedCells].map((cell) => Number(cell.split(",")[1])));
    const caption = `${String(table.title || "")}（${words("unit", { unit: String(table.unit || "") })}）`;
    const head = el("tr", {}, ...strings(table.columns).map((name, i) =>
      el("th", { scope: "col", className: markedColumns.has(i) ? "cited" : null, text: name })));
    const body = rows.map((row, n) => {
      const cited = markedRows.has(n);
      return el("tr", { className: cited ? "cited" : null }, ...row.map((value, i) => {
        const text = String(value);
        const kind = /^-?[\d,]+(\.\d+)?$/.test(text) ? "amount" : "label";
        const cell = el("td", { className: markedCells.has(`${n},${i}`) ? `${kind} cited` : kind });
        if (cited && i === 0) cell.append(el("span", { className: "sr-only", text: `${words("cited_row")}：` }));
        cell.append(text);
        return cell;
      }));
    });
    const captionId = `caiwen-table-${state.viewerToken}`;
    return el("figure", { className: "viewer-figure" },
      el("figcaption", { className: "viewer-caption", id: captionId, text: caption }),
      el("div", { className: "viewer-table" },
        el("table", { "aria-labelledby": captionId }, el("thead", {}, head), el("tbody", {}, ...body))),
      ...strings(table.notes).map((note) => el("p", { className: "viewer-note", text: note })));
  }

  /** A <p> with every occurrence of the quotes wrapped in <mark> (split strings, no HTML parsing). */
  function highlighted(text, quotes) {
    const paragraph = el("p");
    let rest = text;
    while (rest) {
      const found = quotes
        .map((quote) => ({ quote, at: rest.indexOf(quote) }))
        .filter((hit) => hit.at >= 0)
        .sort((a, b) => a.at - b.at || b.quote.length - a.quote.length)[0];
      if (!found) break;
      if (found.at) paragraph.append(rest.slice(0, found.at));
      paragraph.append(el("mark", { text: found.quote }));
      rest = rest.slice(found.at + found.quote.length);
    }
    if (rest) paragraph.append(rest);
    return paragraph;
  }

  function closeViewer(restoreFocus = true) {
    if (ui.viewer.hidden) return;
    state.viewerToken++; // late responses for this citation are ignored
    ui.viewer.hidden = true;
    ui.viewerBody.replaceChildren();
    state.page = null;
    const opener = state.viewerOpener;
    state.viewerOpener = null;
    if (restoreFocus) (opener?.isConnected ? opener : ui.input).focus();
  }

  /** Keep Tab / Shift+Tab inside a modal box (the viewer; the panel on a phone). */
  function trapFocus(box, event) {
    if (event.key !== "Tab") return;
    const focusable = [...box.querySelectorAll("button, [href], input, textarea, [tabindex]:not([tabindex='-1'])")]
      .filter((node) => !node.disabled && node.getClientRects().length);
    if (!focusable.length) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = ui.root.activeElement;
    if (event.shiftKey && (active === first || !box.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !box.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  }

  /** On a phone the panel covers the page: it is modal, and Tab stays in it. */
  const PHONE = window.matchMedia("(max-width: 480px)");

  function markModal() {
    ui.panel.setAttribute("aria-modal", String(PHONE.matches));
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
  ui.restart.addEventListener("click", startOver);
  ui.stop.addEventListener("click", stopAnswer);
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
  ui.zoomIn.addEventListener("click", () => setZoom(state.page.zoom * ZOOM_STEP));
  ui.zoomOut.addEventListener("click", () => setZoom(state.page.zoom / ZOOM_STEP));
  ui.zoomFit.addEventListener("click", () => setZoom(fitZoom()));
  ui.zoomCited.addEventListener("click", showCited);
  const ZOOM_KEYS = { "+": ZOOM_STEP, "=": ZOOM_STEP, "-": 1 / ZOOM_STEP };
  ui.viewerBody.addEventListener("keydown", (event) => {
    if (!state.page || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key in ZOOM_KEYS) setZoom(state.page.zoom * ZOOM_KEYS[event.key]);
    else if (event.key === "0") setZoom(fitZoom());
    else return;
    event.preventDefault();
  });
  for (const type of ["pointerdown", "pointermove", "pointerup", "pointercancel"]) {
    ui.viewerBody.addEventListener(type, onPointer);
  }
  ui.viewerBody.addEventListener("wheel", (event) => {
    if (!state.page || !event.ctrlKey) return; // a trackpad pinch
    event.preventDefault();
    setZoom(state.page.zoom * Math.exp(-event.deltaY / 200), null, { x: event.clientX, y: event.clientY });
  }, { passive: false });
  ui.viewer.addEventListener("click", (event) => {
    if (event.target === ui.viewer) closeViewer(); // click on the backdrop
  });
  ui.viewer.addEventListener("keydown", (event) => trapFocus(ui.viewerBox, event));
  ui.panel.addEventListener("keydown", (event) => {
    if (PHONE.matches && ui.viewer.hidden) trapFocus(ui.panel, event);
  });
  PHONE.addEventListener("change", markModal);
  markModal();
  ui.root.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.isComposing) return;
    if (!ui.viewer.hidden) closeViewer();
    else if (!ui.panel.hidden) closePanel();
    else return;
    event.preventDefault();
    event.stopPropagation();
  });

  const mount = () => {
    document.body.append(ui.host);
    restore();
  };
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });

  window.caiwenWidget = Object.freeze({ open: openPanel, close: closePanel, ask, reset: startOver });
})();
