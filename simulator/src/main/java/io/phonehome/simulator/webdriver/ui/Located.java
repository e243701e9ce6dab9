package io.phonehome.simulator.webdriver.ui;

/**
 * A node with its place in the tree: the child indexes from the hierarchy down, e.g.
 * {@code 0/1/3}. The path names a view for as long as its screen is unchanged.
 */
public record Located(Node node, String path, Located parent) {
  /** The node's index among its siblings, as the page source's {@code index} shows. */
  public int index() {
    int slash = path.lastIndexOf('/');
    return Integer.parseInt(slash < 0 ? path : path.substring(slash + 1));
  }

  public Located child(int i) {
    return new Located(node.children().get(i), path + "/" + i, this);
  }
}
