// The explorer page's script: the table of answers, its filters and the reading panel.
//
// Every piece of text from the data reaches the page as text: table cells through an escaping
// renderer (DataTables writes cells with innerHTML), the reading panel through textContent.
// Layout of the data block: analysis/reporting/explorer.py.

const { DataTable } = globalThis.ExplorerDataTables;
const data = JSON.parse(document.getElementById("explorer-data").textContent);
const { columns: specs, rows, details, cues, labels } = data;
const at = Object.fromEntries(specs.map((spec, index) => [spec.key, index]));
const narrow = window.matchMedia("(max-width: 40rem)").matches;
const numbers = new Intl.NumberFormat("en-GB");
const escape = (value) => DataTable.util.escapeHtml(String(value));
// A spreadsheet runs a cell starting with = + - or @ as a formula; text cells get a leading '.
const defused = (text) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// "spDisplay" and "sp" are what SearchPanes shows and matches (PANE_READING below).
function textCell(value, type) {
  if (value === null || value === undefined) return "";
  if (type === "display" || type === "spDisplay") return escape(value);
  return type === "export" ? defused(String(value)) : value;
}

// SearchPanes lists each body of "police forces; local authorities" on its own.
function bodiesCell(value, type) {
  if (value && (type === "sp" || type === "spDisplay")) {
    return String(value)
      .split("; ")
      .map((body) => (type === "sp" ? body : escape(body)));
  }
  return textCell(value, type);
}

// Holding answers have no scores yet: their heading says why the row is blank.
function headingCell(value, type, row, meta) {
  const text = textCell(value, type);
  if (type !== "display" || !details[meta.row][4].h) return text;
  return `${text} <span class="holding-tag">holding answer, not scored</span>`;
}

const RENDERERS = { heading: headingCell, deflected_to: bodiesCell };

function numberCell(spec) {
  const format = new Intl.NumberFormat("en-GB", {
    minimumFractionDigits: spec.digits,
    maximumFractionDigits: spec.digits,
  });
  return (value, type) => {
    // NaN fails every range, so SearchBuilder's ranges leave unscored answers out.
    if (value === null || value === undefined) return type === "sb" ? Number.NaN : "";
    return type === "display" ? format.format(value) : value;
  };
}

// SearchPanes reads cells its own way, so the free-text search can leave its columns out.
const PANE_READING = {
  display: "spDisplay",
  filter: "sp",
  search: "sp",
  sort: "sp",
  type: "sp",
};

const TYPES = { date: "date", int: "num", num: "num", percent: "num" };

function parliamentLink(row) {
  const uin = row[at.uin];
  const tabled = row[at.date_tabled];
  if (!uin || !tabled || !DATE.test(tabled)) return "";
  return `${data.url}${tabled}/${encodeURIComponent(uin)}`;
}

const answerTexts = [];
function answerText(index) {
  if (answerTexts[index] === undefined) {
    answerTexts[index] = details[index][1].map((sentence) => sentence[0]).join(" ");
  }
  return answerTexts[index];
}

function tableColumns() {
  const columns = [
    {
      title: "",
      data: null,
      orderable: false,
      searchable: false,
      className: "read-cell",
      render: () => '<button type="button" class="read-button">Read</button>',
    },
  ];
  specs.forEach((spec, index) => {
    const numeric = ["int", "num", "percent"].includes(spec.kind);
    columns.push({
      title: spec.title,
      name: spec.key,
      data: index,
      type: TYPES[spec.kind] || "string",
      visible: !spec.export,
      // The free-text search reads the heading, question and answer, nothing else.
      searchable: spec.key === "heading",
      className: [numeric ? "dt-right number" : "", `col-${spec.key}`, "export"].join(" "),
      render: numeric ? numberCell(spec) : RENDERERS[spec.key] || textCell,
      // SearchBuilder reads cells its own way: the free-text search leaves these columns out.
      searchBuilder: { orthogonal: { display: "display", search: "sb" } },
      searchPanes: { show: spec.filter === "panes", orthogonal: PANE_READING },
    });
  });
  // Searchable, never shown: the question and the answer (kept once, as sentences).
  const hidden = { data: null, visible: false, orderable: false, type: "string" };
  columns.push({
    ...hidden,
    title: "Question",
    name: "question",
    render: (row, type, _, meta) => (type === "filter" ? details[meta.row][0] : ""),
  });
  columns.push({
    ...hidden,
    title: "Answer",
    name: "answer",
    render: (row, type, _, meta) => (type === "filter" ? answerText(meta.row) : ""),
  });
  columns.push({
    ...hidden,
    title: "Parliament link",
    name: "link",
    searchable: false,
    className: "export",
    render: (row, type) => (type === "export" ? parliamentLink(row) : ""),
  });
  return columns;
}

const columns = tableColumns();
const indexOf = (key) => columns.findIndex((column) => column.name === key);
const paneColumns = specs.flatMap((spec, index) => (spec.filter === "panes" ? [index + 1] : []));
const builderColumns = specs.flatMap((spec, index) =>
  spec.filter === "builder" ? [index + 1] : [],
);

function info(settings, start, end, max, total) {
  let text = `${numbers.format(total)} answer${total === 1 ? "" : "s"}`;
  if (total < max) text += ` of ${numbers.format(max)}`;
  if (total > 0) text += ` (${numbers.format(start)}–${numbers.format(end)} on this page)`;
  return text;
}

// SearchPanes and SearchBuilder take most of a second on the whole corpus: they are built
// once the table is drawn and usable, into this box above it.
// Open on a desktop; on a phone folded, so the table is a short scroll away.
const filters = document.createElement("details");
filters.className = "explorer-filters";
filters.open = !narrow;
filters.append(Object.assign(document.createElement("summary"), { textContent: "Filters" }));

const table = new DataTable("#answers", {
  data: rows,
  columns,
  deferRender: true,
  autoWidth: false,
  order: [[indexOf("date_answered"), "desc"]],
  pageLength: 25,
  lengthMenu: [10, 25, 50, 100],
  infoCallback: info,
  language: {
    search: "Search heading, question and answer",
    searchPlaceholder: 'words, or "a phrase"',
    lengthMenu: "_MENU_ per page",
    zeroRecords: "No answer matches these filters.",
    emptyTable: "No answers.",
  },
  layout: {
    top2: filters,
    topStart: "info",
    topEnd: {
      search: {},
      buttons: [
        {
          extend: "csvHtml5",
          text: "Download these rows (CSV)",
          filename: "written-answers",
          bom: true,
          exportOptions: {
            columns: ".export",
            orthogonal: "export",
            stripHtml: false,
            modifier: { search: "applied", order: "applied" },
          },
        },
      ],
    },
    bottomStart: "pageLength",
    bottomEnd: "paging",
  },
});
// Each heading explains itself on hover, as "What the columns mean" does.
specs.forEach((spec, index) => {
  if (spec.note) table.column(index + 1).header().title = spec.note;
});

// Marks for benchmarks/bench_explorer.py: milliseconds from opening the page.
performance.mark("explorer-table");
document.body.classList.add("explorer-table-ready");

const PANES = {
  columns: paneColumns,
  // Folded to their titles, the lists leave the table on the first screen.
  initCollapsed: true,
  layout: narrow ? "columns-1" : "columns-3",
  cascadePanes: false,
  viewTotal: false,
  orderable: false,
  i18n: {
    title: { _: "%d filters on", 0: "No filters on", 1: "1 filter on" },
    clearMessage: "Clear all",
    collapseMessage: "Collapse all",
    showMessage: "Show all",
    emptyMessage: "(none)",
  },
};

const BUILDER = {
  columns: builderColumns,
  greyscale: true,
  conditions: { num: { null: null, "!null": null } },
  preDefined: {
    criteria: [{ data: "Answered", condition: "between", value: [] }],
    logic: "AND",
  },
  i18n: {
    add: "Add a range",
    title: { _: "Ranges (%d)", 0: "Ranges of dates and measures" },
    clearAll: "Clear ranges",
  },
};

setTimeout(() => {
  new DataTable.SearchPanes(table, PANES);
  new DataTable.SearchBuilder(table, BUILDER);
  filters.append(table.searchPanes.container()[0], table.searchBuilder.container()[0]);
  // SearchBuilder places its and/or switch by measuring itself: again, now it is on the page.
  table.searchBuilder.rebuild(BUILDER.preDefined);
  performance.mark("explorer-ready");
  document.body.classList.add("explorer-ready");
}, 0);

// --- the reading panel ---------------------------------------------------------------------

const dialog = document.getElementById("answer-detail");
const panelTitle = document.getElementById("answer-detail-title");
const panelBody = document.getElementById("answer-detail-body");
let opener = null;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function chip(text, className) {
  return el("span", `chip ${className || ""}`.trim(), text);
}

function shown(spec, value) {
  if (value === null || value === undefined) return "";
  if (spec.kind === "int" || spec.kind === "num" || spec.kind === "percent") {
    return numberCell(spec)(value, "display") + (spec.kind === "percent" ? "%" : "");
  }
  return String(value);
}

function factsLine(row, facts) {
  const line = el("p", "detail-meta");
  const minister = row[at.answering_member];
  const parts = [
    row[at.department],
    minister && facts.r ? `${minister} (${facts.r})` : minister,
    row[at.date_tabled] && `Tabled ${row[at.date_tabled]}`,
    row[at.date_answered] && `Answered ${row[at.date_answered]}`,
    row[at.uin] && `UIN ${row[at.uin]}`,
    facts.g && `Answered with ${facts.g - 1} other question${facts.g === 2 ? "" : "s"}`,
  ].filter(Boolean);
  line.textContent = parts.join(" · ");
  const href = parliamentLink(row);
  if (href) {
    const link = el("a", null, "Read it on the Parliament website");
    link.href = href;
    link.rel = "noopener noreferrer";
    link.target = "_blank";
    line.append(" · ", link);
  }
  return line;
}

// Columns the panel's title and first line already give.
const IN_HEADER = ["date_answered", "department", "answering_member", "heading"];

function scores(row) {
  const list = el("dl", "detail-scores");
  specs.forEach((spec, index) => {
    if (spec.export || IN_HEADER.includes(spec.key)) return;
    const value = shown(spec, row[index]);
    if (!value) return;
    const item = el("div");
    item.append(el("dt", null, spec.title.replace(/ %$/, "")), el("dd", null, value));
    list.append(item);
  });
  return list;
}

function askText(question, ask) {
  const [start, middle, end] = ask;
  if (start === question.length && !middle) return "The whole question.";
  return question.slice(0, start) + middle + (end ? question.slice(question.length - end) : "");
}

function asksList(question, asks) {
  const list = el("ol", "detail-asks");
  for (const ask of asks) {
    const item = el("li");
    const status = labels.status[ask[3]];
    if (status) item.append(chip(status, `status-${status}`), " ");
    item.append(el("span", null, askText(question, ask)));
    const kind = labels.kind[ask[4]];
    if (kind) item.append(" ", el("span", "muted", `(wants: ${kind})`));
    list.append(item);
  }
  return list;
}

function sentenceItem(sentence) {
  const [text, time, level, specific, , timeCues, levelCues, specificCues, deflected] = sentence;
  const item = el("li", "sentence");
  item.append(el("p", "sentence-text", text));
  const tags = el("p", "sentence-labels");
  const timeName = labels.time[time];
  if (timeName) tags.append(chip(`time: ${timeName}`, `time-${timeName}`));
  tags.append(
    level === null
      ? chip("commitment: no government action", "level-na")
      : chip(`commitment: ${labels.commitment[level]}`, `level-${level}`),
  );
  if (specific !== null) tags.append(chip(specific ? "specific" : "general", "detail"));
  if (deflected) tags.append(chip(`deflects to ${deflected}`, "deflection"));
  const why = el("details", "cues");
  why.append(el("summary", null, "Why"));
  const list = el("ul");
  for (const [name, picked] of [
    ["time", timeCues],
    ["commitment", levelCues],
    ["specific", specificCues],
  ]) {
    for (const number of picked) list.append(el("li", null, `${name}: ${cues[number]}`));
  }
  why.append(list);
  tags.append(why);
  item.append(tags);
  return item;
}

function answerSections(sentences, stock) {
  const stockCounts = new Map(stock.map(([paragraph, count]) => [paragraph, count]));
  const out = [];
  let current = null;
  let paragraph = null;
  let count = 0;
  for (const sentence of sentences) {
    if (current === null || sentence[4] !== paragraph) {
      paragraph = sentence[4];
      const section = el("section", "paragraph");
      if (stockCounts.has(paragraph)) {
        section.classList.add("stock");
        const questions = stockCounts.get(paragraph);
        const many = questions ? numbers.format(questions) : "several";
        const note = `found, verbatim or nearly, in the answers to ${many} questions`;
        section.append(el("p", "stock-note", `Stock paragraph: ${note} (this one included)`));
      }
      current = el("ol", "sentences");
      current.start = count + 1;
      section.append(current);
      out.push(section);
    }
    current.append(sentenceItem(sentence));
    count += 1;
  }
  return out;
}

function openAnswer(index, from) {
  const row = rows[index];
  const [question, sentences, asks, stock, facts] = details[index];
  panelTitle.textContent = row[at.heading] || `Written question ${row[at.uin] || row[at.id]}`;
  const parts = [factsLine(row, facts)];
  if (facts.h) {
    parts.push(el("p", "note", "A holding answer (the full answer is to follow): not scored."));
  }
  if (facts.c) parts.push(el("p", "note", "This answer corrects an earlier one."));
  if (facts.n) parts.push(el("p", "note", `Non-answer: ${facts.n.replaceAll("_", " ")}.`));
  parts.push(scores(row));
  parts.push(el("h3", null, "Question"), el("p", "question", question || "(no question text)"));
  if (asks.length) {
    parts.push(el("h3", null, `What it asks (${asks.length})`), asksList(question, asks));
  }
  parts.push(el("h3", null, "Answer, sentence by sentence"));
  if (sentences.length) {
    parts.push(
      el(
        "p",
        "muted",
        "Each sentence: its time, its commitment (0 none to 3 firm) and whether it gives a " +
          "checkable detail; “Why” lists the cues that decided.",
      ),
      ...answerSections(sentences, stock),
    );
  } else {
    parts.push(el("p", "muted", "No sentences scored."));
  }
  panelBody.replaceChildren(...parts);
  opener = from || null;
  if (!dialog.open) dialog.showModal();
  panelBody.scrollTop = 0;
  dialog.scrollTop = 0;
}

table.on("click", "tbody tr", function (event) {
  if (event.target.closest("a")) return;
  const index = table.row(this).index();
  if (index === undefined) return;
  openAnswer(index, this.querySelector(".read-button"));
});

// A click on the backdrop closes the panel; the dialog is its target for its own padding too.
dialog.addEventListener("click", (event) => {
  if (event.target !== dialog) return;
  const box = dialog.getBoundingClientRect();
  const inside =
    event.clientX >= box.left &&
    event.clientX <= box.right &&
    event.clientY >= box.top &&
    event.clientY <= box.bottom;
  if (!inside) dialog.close();
});
dialog.addEventListener("close", () => {
  if (opener && document.contains(opener)) opener.focus();
});
