// Which area of the app is shown: the articles (library + editor) or the
// site's interface strings.
export type Area = "articles" | "strings";

class Nav {
  area = $state<Area>("articles");
  /** The Settings dialog is open (the Publish dialog opens it to add a site). */
  settingsOpen = $state(false);
}

export const nav = new Nav();
