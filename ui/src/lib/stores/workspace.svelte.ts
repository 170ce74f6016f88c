// The workspace's languages (source first) with their native names.
import * as ipc from "../ipc";
import type { LocaleInfo } from "../ipc";

class WorkspaceStore {
  locales = $state<LocaleInfo[]>([]);

  get source(): LocaleInfo | undefined {
    return this.locales[0];
  }

  async load() {
    this.locales = await ipc.getWorkspaceLocales();
  }

  async save(source: string, targets: string[]) {
    this.locales = await ipc.setWorkspaceLocales({ source, targets });
  }

  nativeName(code: string): string {
    return this.locales.find((l) => l.code === code)?.native_name ?? code.toUpperCase();
  }
}

export const workspace = new WorkspaceStore();
