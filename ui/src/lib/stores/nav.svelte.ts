// Which area of the app is shown: the articles (library + editor) or the
// site's interface strings.
export type Area = "articles" | "strings";

class Nav {
  area = $state<Area>("articles");
}

export const nav = new Nav();
