/** The prompt box: Enter sends, Shift+Enter starts a new line. */
import { useState } from "preact/hooks";

interface PromptFormProps {
  running: boolean;
  /** Resolves true when the server took the prompt (the box is then cleared). */
  onSubmit: (prompt: string) => Promise<boolean>;
  onStop: () => void;
  onNewConversation: () => void;
}

export function PromptForm({ running, onSubmit, onStop, onNewConversation }: PromptFormProps) {
  const [prompt, setPrompt] = useState("");

  const submit = async () => {
    if (await onSubmit(prompt)) setPrompt("");
  };

  return (
    <form
      class="prompt-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label for="prompt">Prompt</label>
      <textarea
        id="prompt"
        rows={2}
        value={prompt}
        placeholder="Which flows failed today?"
        onInput={(event) => setPrompt(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            void submit();
          }
        }}
      />
      <div class="form-buttons">
        <button type="submit">Send</button>
        <button type="button" onClick={onStop} disabled={!running}>
          Stop
        </button>
        <button type="button" onClick={onNewConversation}>
          New conversation
        </button>
      </div>
    </form>
  );
}
