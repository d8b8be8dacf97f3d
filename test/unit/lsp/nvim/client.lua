-- A headless Neovim (0.7, Debian's) as ConvShape's language-server client, for
-- test/unit/lsp/neovim.test.ts. Started with `nvim --headless -u client.lua`; the test passes
-- through the environment the server's command (CONVSHAPE_LSP_CMD, JSON), the model file
-- (CONVSHAPE_MODEL) and where to write what the client received (CONVSHAPE_OUT, JSON).
local out_file = vim.env.CONVSHAPE_OUT
local result = { diagnostics = {}, hover = vim.NIL, hover_lines = {}, actions = {}, after_fix = vim.NIL, log = {} }

local function log(text)
  table.insert(result.log, text)
end

local function finish()
  local f = assert(io.open(out_file, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, 20000)
  if not responses then
    log(method .. ': ' .. tostring(err))
    return nil
  end
  for _, r in pairs(responses) do
    if r.err then
      log(method .. ': ' .. vim.inspect(r.err))
    else
      return r.result
    end
  end
  return nil
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.CONVSHAPE_MODEL))
  vim.bo.filetype = 'python'
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'convshape',
    cmd = vim.fn.json_decode(vim.env.CONVSHAPE_LSP_CMD),
    root_dir = vim.fn.fnamemodify(vim.env.CONVSHAPE_MODEL, ':p:h'),
    init_options = { hover = { images = false } },
  })
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- Diagnostics: pushed by the server once it has analysed the file.
  if not vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
    log('no diagnostics arrived')
    return finish()
  end
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(result.diagnostics, {
      lnum = d.lnum,
      col = d.col,
      severity = d.severity,
      message = d.message,
      source = d.source,
      code = d.code or lsp.code,
    })
  end

  -- Hover on the convolution, as K would ask for it, and the lines the client would show.
  local line = vim.fn.search('nn.Conv2d', 'w')
  vim.api.nvim_win_set_cursor(0, { line, vim.fn.col('.') + 2 })
  local hover = request(bufnr, 'textDocument/hover', vim.lsp.util.make_position_params())
  if hover then
    result.hover = hover.contents.value or hover.contents
    result.hover_lines = vim.lsp.util.convert_input_to_markdown_lines(hover.contents)
  end

  -- Code actions for the diagnostic's line; the preferred one's edit is applied by the client.
  local lnum = result.diagnostics[1].lnum
  vim.api.nvim_win_set_cursor(0, { lnum + 1, 0 })
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, lnum) }
  local actions = request(bufnr, 'textDocument/codeAction', params) or {}
  local chosen
  for _, a in ipairs(actions) do
    table.insert(result.actions, { title = a.title, kind = a.kind, preferred = a.isPreferred == true })
    if a.isPreferred then chosen = a end
  end
  if chosen and chosen.edit then
    vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
    result.fixed_line = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1]
    -- The edit reaches the server as a didChange; its diagnostics for the new version are none.
    local cleared = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50)
    result.after_fix = #vim.diagnostic.get(bufnr)
    if not cleared then log('the diagnostic stayed after the fix') end
  end
  finish()
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    local ok, err = pcall(run)
    if not ok then
      log('error: ' .. tostring(err))
      finish()
    end
  end,
})
