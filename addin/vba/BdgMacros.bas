Attribute VB_Name = "BdgMacros"
' bdg: the buttons of the "Binh dang gioi" ribbon tab and their plain macros (Alt+F8).
' Each one runs a Python macro of addin.macros through xlwings' RunPython; the Python side
' catches every error and shows it in Vietnamese. Keep this file ASCII: the VBA project is
' written with the Windows-1252 code page.
Option Explicit

Private Const PY_MACROS As String = "import addin.macros as m; m."

Private Sub RunBdg(ByVal macroName As String)
    Application.StatusBar = "bdg: " & macroName & " ..."
    RunPython PY_MACROS & macroName & "()"
    Application.StatusBar = False
End Sub

' --- plain macros (also usable from sheet buttons) ----------------------------------------
Public Sub BdgCheckForm()
    RunBdg "check_form"
End Sub

Public Sub BdgConsolidate()
    RunBdg "consolidate"
End Sub

Public Sub BdgAttainment()
    RunBdg "attainment"
End Sub

Public Sub BdgReport()
    RunBdg "report"
End Sub

Public Sub BdgMakeForms()
    RunBdg "make_forms"
End Sub

Public Sub BdgImportFunctions()
    ' Registers the BDG_* custom functions (Windows only; needs "Trust access to the VBA
    ' project object model" in the Trust Center).
    ImportPythonUDFsToAddin
End Sub

' --- ribbon callbacks (customUI/customUI.xml) --------------------------------------------
Public Sub OnBdgCheckForm(control As Object)
    BdgCheckForm
End Sub

Public Sub OnBdgConsolidate(control As Object)
    BdgConsolidate
End Sub

Public Sub OnBdgAttainment(control As Object)
    BdgAttainment
End Sub

Public Sub OnBdgReport(control As Object)
    BdgReport
End Sub

Public Sub OnBdgMakeForms(control As Object)
    BdgMakeForms
End Sub

Public Sub OnBdgImportFunctions(control As Object)
    BdgImportFunctions
End Sub
