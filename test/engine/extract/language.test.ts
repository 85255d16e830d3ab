import { describe, expect, it } from "vitest";
import factSheets from "../../../data/fixtures/language/wh-2021-04-12-state-by-state-fact-sheets.json";
import { detectEnglish } from "../../../src/engine/extract/language";
import { submissionProblem } from "../../../src/http/lib/submission";

/**
 * The English check judges the prose: links, names and figures are set aside. The real fixture is a
 * White House release that is mostly a list of linked state names (provenance in its JSON); every
 * non-English text below is SYNTHETIC, written for this test.
 */

// SYNTHETIC: one news paragraph per language, written for this test (not real documents). German
// and Dutch are written to use the words they share with English ("in", "was", "will", "also", …).
const SYNTHETIC_NON_ENGLISH: Record<string, string> = {
  fr: "Le ministre des Affaires étrangères a déclaré mardi que la France soutenait une solution négociée. « Nous ne voulons pas d'une escalade », a-t-il dit lors d'une conférence de presse à Paris. Selon lui, les deux pays doivent reprendre le dialogue sur le commerce, le climat et la sécurité régionale. Les négociations, qui ont été suspendues en mars, pourraient reprendre avant la fin de l'année si les conditions sont réunies.",
  de: "Der Außenminister hat am Dienstag erklärt, dass Deutschland eine Verhandlungslösung unterstützt. „Wir wollen keine Eskalation“, sagte er auf einer Pressekonferenz in Berlin. Die beiden Länder müssten den Dialog über Handel, Klima und regionale Sicherheit wieder aufnehmen. Was die Regierung will, ist also klar: Ein Sprecher der Regierung fügte hinzu, die Position habe sich nicht geändert, und man halte an dem Völkerrecht fest. Er hat in seiner Rede an die Partner appelliert.",
  es: "El ministro de Asuntos Exteriores declaró el martes que España apoya una solución negociada. «No queremos una escalada», dijo en una rueda de prensa en Madrid. Según él, los dos países deben retomar el diálogo sobre comercio, clima y seguridad regional. Las negociaciones, que fueron suspendidas en marzo, podrían reanudarse antes de fin de año si se cumplen las condiciones.",
  it: "Il ministro degli Esteri ha dichiarato martedì che l'Italia sostiene una soluzione negoziata. «Non vogliamo un'escalation», ha detto in una conferenza stampa a Roma. Secondo lui, i due paesi devono riprendere il dialogo sul commercio, sul clima e sulla sicurezza regionale. I negoziati, sospesi a marzo, potrebbero riprendere prima della fine dell'anno se le condizioni saranno soddisfatte.",
  pt: "O ministro dos Negócios Estrangeiros declarou na terça-feira que Portugal apoia uma solução negociada. «Não queremos uma escalada», disse numa conferência de imprensa em Lisboa. Segundo ele, os dois países devem retomar o diálogo sobre comércio, clima e segurança regional. As negociações, suspensas em março, poderão ser retomadas antes do fim do ano se as condições forem cumpridas.",
  nl: 'De minister van Buitenlandse Zaken heeft dinsdag verklaard dat Nederland een onderhandelde oplossing steunt. "Wij willen geen escalatie", zei hij op een persconferentie in Den Haag. Het standpunt van de regering is niet veranderd, en zij had altijd al gezegd dat het internationaal recht voorop staat. Het was een lange dag, en over de uitkomst is nog niets bekend.',
};

/** The fact sheet's list of linked state names, a verbatim slice of the real text. */
function stateList(): string {
  const text = factSheets.text;
  const start = text.indexOf("**<u>Fact Sheets by State:</u>**");
  const end = text.indexOf("**<u>Fact Sheets by Issue:</u>**");
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  return text.slice(start, end);
}

describe("detectEnglish", () => {
  it("should accept the real White House fact sheet that is mostly a list of linked state names", () => {
    expect(factSheets.synthetic).toBe(false);
    expect(factSheets.text.length).toBeGreaterThan(7000);
    expect(detectEnglish(factSheets.text)).toEqual({ english: true, reason: "English function words present" });
    // As POST /v1/documents and POST /v1/imports check a submission.
    expect(submissionProblem({ text: factSheets.text, title: factSheets.title, language: "en" })).toBeUndefined();
  });

  it("should accept the fact sheet's first paragraph followed by its whole list of states", () => {
    const intro = factSheets.text.slice(0, factSheets.text.indexOf("Individual fact sheets"));
    expect(detectEnglish(`${intro}${stateList()}`).english).toBe(true);
  });

  it("should reject synthetic French, German, Spanish, Italian, Portuguese and Dutch prose", () => {
    for (const [language, text] of Object.entries(SYNTHETIC_NON_ENGLISH)) {
      const verdict = detectEnglish(text);
      expect({ language, english: verdict.english }).toEqual({ language, english: false });
      expect(verdict.reason).toMatch(/^only \d+% of the words are common English words$/);
    }
  });

  it("should reject synthetic non-English prose around the same real list of linked names", () => {
    for (const [language, text] of Object.entries(SYNTHETIC_NON_ENGLISH)) {
      const composite = `${text}\n\n${stateList()}\n${text}`;
      expect({ language, english: detectEnglish(composite).english }).toEqual({ language, english: false });
    }
  });

  it("should not let web addresses pass for English words", () => {
    // SYNTHETIC: French prose followed by English-looking links.
    const links = Array.from(
      { length: 40 },
      (_, i) => `https://www.example.gov/the-state-of-the-union-and-the-world-${i}.pdf`,
    ).join("\n");
    expect(detectEnglish(`${SYNTHETIC_NON_ENGLISH.fr}\n${links}`).english).toBe(false);
  });

  it("should judge every word of a text in capitals", () => {
    // SYNTHETIC: the same sentences in capitals, in English and in German.
    const english =
      "THE MINISTER SAID ON TUESDAY THAT THE TWO COUNTRIES WOULD RESUME TALKS ON TRADE AND CLIMATE. HE SAID THAT THE POSITION OF HIS GOVERNMENT HAD NOT CHANGED.";
    expect(detectEnglish(english).english).toBe(true);
    expect(detectEnglish(SYNTHETIC_NON_ENGLISH.de?.toUpperCase() ?? "").english).toBe(false);
  });

  it("should keep refusing non-Latin scripts and texts without letters, and accept a headline", () => {
    // SYNTHETIC Chinese sentence.
    expect(
      detectEnglish("中国外交部发言人汪文斌表示，中方坚决反对美方干涉中国内政。中美关系应该健康稳定发展。"),
    ).toEqual({
      english: false,
      reason: "most letters are not in the Latin script",
    });
    expect(detectEnglish("2021 — 42, 17.5%, 3,000 (…)").english).toBe(false);
    expect(detectEnglish("Biden Meets Xi in Bali").english).toBe(true);
  });
});
