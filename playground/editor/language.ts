// The .score language for Monaco: its id, brackets and comments, a Monarch tokenizer that follows
// grammar/tokens.ts, and a light theme with projector-friendly contrast.

import { RESERVED_WORDS } from "../../grammar/tokens.js";
import type { Monaco } from "./monaco.js";
import type { languages, editor } from "monaco-editor/editor/editor.api";

export const LANGUAGE_ID = "leadscore";
export const THEME_ID = "leadscore-light";

/** Words that open a statement or a block; drawn bolder than the other keywords. */
const STATEMENT_WORDS = ["when", "group", "qualify", "disqualify", "tiers", "example", "expect"];
const POINTS_WORDS = ["add", "subtract"];
const LOGIC_WORDS = ["and", "or", "not"];
const CONSTANTS = ["true", "false"];

const config: languages.LanguageConfiguration = {
  comments: { lineComment: "#" },
  brackets: [
    ["{", "}"],
    ["[", "]"],
    ["(", ")"],
  ],
  autoClosingPairs: [
    { open: "{", close: "}" },
    { open: "[", close: "]" },
    { open: "(", close: ")" },
    { open: '"', close: '"', notIn: ["string", "comment"] },
  ],
  surroundingPairs: [
    { open: "{", close: "}" },
    { open: "[", close: "]" },
    { open: "(", close: ")" },
    { open: '"', close: '"' },
  ],
  // Names are single words to the editor; multi-word events are handled by the providers.
  wordPattern: /[A-Za-z_][A-Za-z0-9_]*|-?\d+(\.\d+)?/,
  indentationRules: {
    increaseIndentPattern: /\{\s*(#.*)?$/,
    decreaseIndentPattern: /^\s*\}/,
  },
  folding: { markers: { start: /\{\s*(#.*)?$/, end: /^\s*\}/ } },
};

const otherKeywords = RESERVED_WORDS.filter((w) => !STATEMENT_WORDS.includes(w) && !POINTS_WORDS.includes(w) && !LOGIC_WORDS.includes(w) && !CONSTANTS.includes(w));

const tokenizer: languages.IMonarchLanguage = {
  defaultToken: "",
  ignoreCase: false,
  statementWords: STATEMENT_WORDS,
  pointsWords: POINTS_WORDS,
  logicWords: LOGIC_WORDS,
  constants: CONSTANTS,
  otherKeywords,
  tokenizer: {
    // Monarch matches line by line; every rule below looks only at the current line.
    root: [
      [/#.*$/, "comment"],
      [/"([^"\\]|\\.)*"/, "string"],
      [/"([^"\\]|\\.)*$/, "string.invalid"],
      [/\d{4}-\d{2}-\d{2}(?![0-9])/, "number.date"],
      [/-?(\d+(\.\d+)?|\.\d+)(\s+)(days?|weeks?|months?)\b(\s+ago\b)?/, "number.duration"],
      [/(-?(?:\d+(?:\.\d+)?|\.\d+))(\s+)(times)\b/, ["number", "", "keyword"]],
      [/-?(\d+(\.\d+)?|\.\d+)%/, "number.percent"],
      [/-?(\d+(\.\d+)?|\.\d+)/, "number"],
      [/(:)(\s*)(number|text|boolean|date|list)\b/, ["delimiter", "", "type"]],
      // `lead {` and `events {` blocks: soft keywords mean this only before a brace.
      [/\b(lead|events)(?=\s*\{)/, "keyword.statement"],
      [/\b(group)(\s+)([A-Za-z_]\w*)/, ["keyword.statement", "", "entity.group"]],
      [/\b(tiers)(\s+)(for)(\s+)([A-Za-z_]\w*)/, ["keyword.statement", "", "keyword", "", "entity.group"]],
      // A tier line starts with the tier's name: `hot at least 9`, `cold otherwise`.
      [/^(\s*)(?!(?:qualify|score)\b)([A-Za-z_]\w*)(?=\s+(?:above|at\s+least|otherwise)\b)/, ["", "entity.tier"]],
      // Inside `expect`: `tier hot`, `score 30`, `fit score 10`; and the limit line `score at least 0`.
      [/\b(tier)(\s+)([A-Za-z_]\w*)/, ["keyword", "", "entity.tier"]],
      [/^(\s*)(score)(?=\s+(?:at\s+least|up\s+to|between)\b)/, ["", "keyword.statement"]],
      [/\b(score)(?=\s+-?\d)/, "keyword"],
      [/\bqualified\b/, "keyword"],
      [
        /[A-Za-z_]\w*/,
        {
          cases: {
            "@statementWords": "keyword.statement",
            "@pointsWords": "keyword.points",
            "@logicWords": "keyword.logic",
            "@constants": "constant",
            "@otherKeywords": "keyword",
            "@default": "identifier",
          },
        },
      ],
      [/>=|<=|!=|[<>=]/, "operator"],
      [/[{}()[\]]/, "@brackets"],
      [/[,;:|%]/, "delimiter"],
      [/\s+/, ""],
    ],
  },
};

export const theme: editor.IStandaloneThemeData = {
  base: "vs",
  inherit: true,
  rules: [
    { token: "keyword", foreground: "3355d1" },
    { token: "keyword.statement", foreground: "2541b2", fontStyle: "bold" },
    { token: "keyword.points", foreground: "8a2fb5", fontStyle: "bold" },
    { token: "keyword.logic", foreground: "b5307a" },
    { token: "constant", foreground: "b5307a" },
    { token: "number", foreground: "0b7a5e" },
    { token: "number.percent", foreground: "0b7a5e" },
    { token: "number.duration", foreground: "0b6f8a" },
    { token: "number.date", foreground: "a24f00" },
    { token: "string", foreground: "a3351a" },
    { token: "string.invalid", foreground: "c9302c", fontStyle: "underline" },
    { token: "comment", foreground: "6b7588", fontStyle: "italic" },
    { token: "type", foreground: "0b7285" },
    { token: "entity.group", foreground: "6a3fc0", fontStyle: "bold" },
    { token: "entity.tier", foreground: "c2410c", fontStyle: "bold" },
    { token: "identifier", foreground: "17202e" },
    { token: "operator", foreground: "4a5568" },
    { token: "delimiter", foreground: "6b7588" },
  ],
  colors: {
    "editor.background": "#ffffff",
    "editor.lineHighlightBackground": "#f3f6fb",
    "editorLineNumber.foreground": "#9aa3b2",
    "editorLineNumber.activeForeground": "#3d4656",
    "editorGutter.background": "#ffffff",
    "editorIndentGuide.background1": "#e8ecf2",
  },
};

let registered = false;

/** Registers the language, its tokenizer and theme once per page. */
export function registerLanguage(m: Monaco): void {
  if (registered) return;
  registered = true;
  m.languages.register({ id: LANGUAGE_ID, extensions: [".score"], aliases: ["leadscore", "score"] });
  m.languages.setLanguageConfiguration(LANGUAGE_ID, config);
  m.languages.setMonarchTokensProvider(LANGUAGE_ID, tokenizer);
  m.editor.defineTheme(THEME_ID, theme);
}
