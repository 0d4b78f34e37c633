/** The pane's English words are a chunk the page loads for an English pane (taskpane.tsx); tests may use both languages. */
import "../../taskpane/app/text/i18n-en";
