// The interface's strings: the backend negotiates the language and sends the
// Fluent source; we format it here with the reference Fluent implementation.
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";

class I18n {
  locale = $state("en");
  #bundle = $state.raw<FluentBundle | null>(null);

  load(locale: string, ftl: string) {
    // Isolation marks would end up in copied text and in test assertions.
    const bundle = new FluentBundle(locale, { useIsolating: false });
    const errors = bundle.addResource(new FluentResource(ftl));
    for (const e of errors) console.error("Fluent:", e);
    this.#bundle = bundle;
    this.locale = locale;
    document.documentElement.lang = locale;
  }

  t(id: string, args?: Record<string, FluentVariable>): string {
    const bundle = this.#bundle;
    const message = bundle?.getMessage(id);
    if (!bundle || !message?.value) return id;
    return bundle.formatPattern(message.value, args);
  }

  /** Date and time in the interface language. */
  dateTime(ms: number): string {
    return new Intl.DateTimeFormat(this.locale, { dateStyle: "medium", timeStyle: "short" }).format(ms);
  }
}

export const i18n = new I18n();
export const t = (id: string, args?: Record<string, FluentVariable>) => i18n.t(id, args);
