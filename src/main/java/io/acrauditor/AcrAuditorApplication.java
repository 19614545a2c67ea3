package io.acrauditor;

public class AcrAuditorApplication {
  public static void main(String[] args) {}
}
