// Actions that span the library and the editor.
import * as ipc from "../ipc";
import { editor } from "./editor.svelte";
import { library } from "./library.svelte";

/** Creates an empty article in `locale` and opens it. */
export async function newArticle(locale: string) {
  try {
    const article = await ipc.createArticle(locale);
    library.showTrash = false;
    await library.refresh();
    await editor.open(article.id);
  } catch (e) {
    library.error = (e as Error).message;
  }
}
