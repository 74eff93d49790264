;;; eglot-driver.el --- drives editors/emacs/gauntlet-eglot.el in `emacs --batch'  -*- lexical-binding: t; -*-

;; Usage: emacs --batch -l eglot-driver.el CONFIG.json
;;
;; CONFIG is a JSON object:
;;   setup    the gauntlet-eglot.el to load
;;   command  the server command (`gauntlet-eglot-command')
;;   file     the file to open
;;   sources  the hooks (diagnostic sources) the `diagnostics' step waits for
;;   fix_source  the hook whose diagnostic the `code-action' step fixes
;;   timeout  seconds each wait may take
;;   steps    the step names to run, in order (see `gauntlet-driver-steps')
;;   result   where to write the result
;;
;; The result (also printed on stdout) is a JSON object: `ok', `error' (a message or
;; null), `emacs' and `eglot' (versions) and `steps', each step's name to its value.
;; Emacs exits 0 when every step ran, else 1.

;;; Code:

(require 'cl-lib)
(require 'eglot)
(require 'flymake)
(require 'json)
(require 'subr-x)

;; From CONFIG's `setup', loaded at run time.
(defvar gauntlet-eglot-command)
(declare-function gauntlet-eglot-setup "gauntlet-eglot")

(defvar gauntlet-driver-config nil "The parsed CONFIG (an alist).")

(defvar gauntlet-driver-steps
  '(("open" . gauntlet-driver-open)
    ("diagnostics" . gauntlet-driver-diagnostics)
    ("code-action" . gauntlet-driver-code-action)
    ("format" . gauntlet-driver-format)
    ("buffer" . gauntlet-driver-buffer-text)
    ("shutdown" . gauntlet-driver-shutdown))
  "Step names (as CONFIG's `steps' lists them) and their functions.
Each is a function of no arguments, run in the file's buffer, returning what
the result records (JSON-encodable), and signalling an error when it cannot
do its part.")

(defun gauntlet-driver-option (key)
  "CONFIG's KEY, or an error naming the missing key."
  (or (alist-get key gauntlet-driver-config)
      (error "eglot-driver: config has no `%s'" key)))

(defun gauntlet-driver-wait (predicate what)
  "Run process output and timers until PREDICATE returns non-nil; return that.
After CONFIG's `timeout' seconds, an error saying the driver waited for WHAT."
  (let ((deadline (+ (float-time) (gauntlet-driver-option 'timeout)))
        value)
    ;; Batch Emacs has no command loop: only waiting here reads the server and runs timers.
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (or value (error "eglot-driver: no %s within %ss" what (gauntlet-driver-option 'timeout)))))

(defun gauntlet-driver-open ()
  "Visit the file as a user would; wait until Eglot manages it; start Flymake."
  (set-buffer (find-file-noselect (gauntlet-driver-option 'file)))
  ;; `eglot-ensure' connects from `post-command-hook': end a "command" as the loop would.
  (run-hooks 'post-command-hook)
  (gauntlet-driver-wait (lambda () (and (bound-and-true-p eglot--managed-mode) (eglot-current-server)))
                        "Eglot server managing the buffer")
  ;; Flymake may defer its first check until the buffer is displayed: start it now, so
  ;; that Eglot's backend holds a report function when the diagnostics come.
  (flymake-start)
  (let ((server (eglot-current-server)))
    `((mode . ,(symbol-name major-mode))
      (root . ,(expand-file-name (project-root (eglot--project server))))
      (command . ,(vconcat (process-command (jsonrpc--process server)))))))

(defun gauntlet-driver-diagnostic-source (diagnostic)
  "The LSP `source' of a Flymake DIAGNOSTIC from Eglot."
  (let ((lsp (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data diagnostic)))))
    (plist-get lsp :source)))

(defun gauntlet-driver-sources ()
  "The sources of the buffer's Flymake diagnostics, sorted, without repeats."
  (sort (delete-dups (delq nil (mapcar #'gauntlet-driver-diagnostic-source (flymake-diagnostics))))
        #'string<))

(defun gauntlet-driver-position (point)
  "POINT as a 1-based line and 0-based column."
  (save-excursion
    (goto-char point)
    (list (line-number-at-pos) (current-column))))

(defun gauntlet-driver-describe (diagnostic)
  "A Flymake DIAGNOSTIC as an alist for JSON."
  (let ((lsp (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data diagnostic))))
        (start (gauntlet-driver-position (flymake-diagnostic-beg diagnostic)))
        (end (gauntlet-driver-position (flymake-diagnostic-end diagnostic))))
    `((source . ,(plist-get lsp :source))
      (code . ,(plist-get lsp :code))
      (message . ,(plist-get lsp :message))
      (text . ,(flymake-diagnostic-text diagnostic))
      (type . ,(symbol-name (flymake-diagnostic-type diagnostic)))
      (line . ,(car start))
      (column . ,(cadr start))
      (end_line . ,(car end))
      (end_column . ,(cadr end)))))

(defun gauntlet-driver-diagnostics ()
  "Wait until Flymake shows every source CONFIG names; return the diagnostics."
  (let ((wanted (sort (append (gauntlet-driver-option 'sources) nil) #'string<)))
    (gauntlet-driver-wait (lambda () (cl-subsetp wanted (gauntlet-driver-sources) :test #'equal))
                          (format "Flymake diagnostics from %s" (string-join wanted ", "))))
  (vconcat (mapcar #'gauntlet-driver-describe
                   (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))

(defun gauntlet-driver-buffer-text ()
  "The buffer's text, for a test to compare after a step changed it."
  (buffer-substring-no-properties (point-min) (point-max)))

(defun gauntlet-driver-send-changes ()
  "Send the buffer's pending changes now, as Eglot's idle timer would.
Batch Emacs is never idle, and Eglot defers requests while changes wait."
  (when eglot--recent-changes
    (eglot--signal-textDocument/didChange)))

(defun gauntlet-driver-apply-action (server action)
  "Apply the code ACTION of SERVER as choosing it from `eglot-code-actions' does."
  (if (fboundp 'eglot-execute)
      (funcall 'eglot-execute server action)
    ;; Eglot before 1.14: what `eglot--read-execute-code-action' does with its choice.
    (let ((edit (plist-get action :edit))
          (command (plist-get action :command)))
      (when edit (eglot--apply-workspace-edit edit))
      (when command
        (eglot-execute-command server (intern (plist-get command :command)) (plist-get command :arguments))))))

(defun gauntlet-driver-code-action ()
  "Apply the preferred quickfix at the first diagnostic of CONFIG's `fix_source'.
The actions are asked for as `eglot-code-actions' does (over the diagnostic's
region, with the diagnostics there) and one is chosen here, not in a menu.
Return the action's title and the buffer's text after it."
  (let* ((source (gauntlet-driver-option 'fix_source))
         (target (or (cl-find source (flymake-diagnostics) :key #'gauntlet-driver-diagnostic-source :test #'equal)
                     (error "eglot-driver: no diagnostic from %s" source)))
         (actions (eglot-code-actions (flymake-diagnostic-beg target) (flymake-diagnostic-end target) "quickfix"))
         (action (or (cl-find-if (lambda (a) (eq (plist-get a :isPreferred) t)) actions)
                     (car actions)
                     (error "eglot-driver: no quickfix for %s's diagnostic" source))))
    (gauntlet-driver-apply-action (eglot-current-server) action)
    (gauntlet-driver-send-changes)
    `((title . ,(plist-get action :title))
      (text . ,(gauntlet-driver-buffer-text)))))

(defun gauntlet-driver-format ()
  "Format the buffer as `M-x eglot-format-buffer' does; return its text."
  (gauntlet-driver-send-changes)
  (eglot-format-buffer)
  (gauntlet-driver-buffer-text))

(defun gauntlet-driver-shutdown ()
  "Shut the server down as `M-x eglot-shutdown' does; wait for its process to end."
  (let* ((server (eglot-current-server))
         (process (jsonrpc--process server)))
    (eglot-shutdown server)
    (gauntlet-driver-wait (lambda () (not (process-live-p process))) "server exit")
    `((exit . ,(process-exit-status process)))))

(defun gauntlet-driver-eglot-version ()
  "The version of the Eglot loaded: its package folder's, else the built-in one's."
  (let ((file (or (locate-library "eglot") "")))
    (cond ((string-match "/eglot-\\([0-9][0-9.]*\\)/" file) (match-string 1 file))
          ((assq 'eglot package--builtin-versions)
           (mapconcat #'number-to-string (cdr (assq 'eglot package--builtin-versions)) "."))
          (t "unknown"))))

(defun gauntlet-driver-run ()
  "Load the set-up, run CONFIG's steps, write the result and exit."
  (let ((results '()) (failure nil))
    (condition-case err
        (progn
          (load (gauntlet-driver-option 'setup) nil t)
          (setq gauntlet-eglot-command (append (gauntlet-driver-option 'command) nil))
          (gauntlet-eglot-setup)
          (dolist (name (append (gauntlet-driver-option 'steps) nil))
            (let ((step (or (cdr (assoc name gauntlet-driver-steps))
                            (error "eglot-driver: no step `%s'" name))))
              (push (cons (intern name) (funcall step)) results))))
      (error (setq failure (error-message-string err))))
    (let ((json (json-encode `((ok . ,(if failure :json-false t))
                               (error . ,failure)
                               (emacs . ,emacs-version)
                               (eglot . ,(gauntlet-driver-eglot-version))
                               (steps . ,(or (nreverse results) (make-hash-table)))))))
      (with-temp-file (gauntlet-driver-option 'result) (insert json))
      (princ (concat json "\n")))
    (kill-emacs (if failure 1 0))))

(setq gauntlet-driver-config
      (let ((json-object-type 'alist) (json-array-type 'vector) (json-key-type 'symbol))
        (json-read-file (or (pop command-line-args-left) (error "eglot-driver: no CONFIG.json argument")))))
(gauntlet-driver-run)

;;; eglot-driver.el ends here
